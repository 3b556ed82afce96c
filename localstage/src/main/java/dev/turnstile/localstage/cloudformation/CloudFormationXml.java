package dev.turnstile.localstage.cloudformation;

import static dev.turnstile.localstage.server.QueryXml.element;

import dev.turnstile.localstage.server.QueryXml;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * CloudFormation's AWS Query responses in XML, in the {@code http://cloudformation.amazonaws.com/doc/2010-05-15/}
 * namespace: {@code <DescribeStacksResponse><DescribeStacksResult><Stacks><member>…} with lists as {@code member}
 * elements and timestamps in ISO 8601, and errors as {@code <ErrorResponse><Error><Type/><Code/><Message/></Error>
 * <RequestId/></ErrorResponse>} (the API reference's DescribeStacks example, docs/aws-behaviour.md §10).
 */
final class CloudFormationXml {

    /** The XML namespace of CloudFormation's responses (service model {@code xmlNamespace}). */
    static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";


    private CloudFormationXml() {
    }

    /** {@code DescribeStacks}' response for these stacks. */
    static byte[] describeStacks(List<StackDescription> stacks, String requestId) {
        return QueryXml.document("CloudFormation", w -> {
            w.writeStartElement("DescribeStacksResponse");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeStartElement("DescribeStacksResult");
            w.writeStartElement("Stacks");
            for (StackDescription stack : stacks) {
                w.writeStartElement("member");
                element(w, "StackId", stack.stackId());
                element(w, "StackName", stack.stackName());
                if (stack.description() != null) {
                    element(w, "Description", stack.description());
                }
                element(w, "CreationTime", DateTimeFormatter.ISO_INSTANT.format(
                        stack.creationTime().truncatedTo(ChronoUnit.MILLIS)));
                w.writeEmptyElement("RollbackConfiguration");
                element(w, "StackStatus", StackDescription.STATUS);
                element(w, "DisableRollback", "false");
                w.writeEmptyElement("NotificationARNs");
                if (stack.outputs().isEmpty()) {
                    w.writeEmptyElement("Outputs");
                } else {
                    w.writeStartElement("Outputs");
                    for (StackDescription.Output o : stack.outputs()) {
                        w.writeStartElement("member");
                        if (o.description() != null) {
                            element(w, "Description", o.description());
                        }
                        element(w, "OutputKey", o.key());
                        element(w, "OutputValue", o.value());
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                }
                w.writeEmptyElement("Tags");
                element(w, "EnableTerminationProtection", "false");
                w.writeStartElement("DriftInformation");
                element(w, "StackDriftStatus", "NOT_CHECKED");
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("ResponseMetadata");
            element(w, "RequestId", requestId);
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    /** The Query error document. */
    static byte[] error(CloudFormationException error, String requestId) {
        return QueryXml.document("CloudFormation", w -> {
            w.writeStartElement("ErrorResponse");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeStartElement("Error");
            element(w, "Type", error.type());
            element(w, "Code", error.code());
            element(w, "Message", error.getMessage());
            w.writeEndElement();
            element(w, "RequestId", requestId);
            w.writeEndElement();
        });
    }



}
