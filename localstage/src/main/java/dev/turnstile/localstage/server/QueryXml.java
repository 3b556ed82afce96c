package dev.turnstile.localstage.server;

import java.io.ByteArrayOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The XML documents of the AWS Query protocol's responses (CloudWatch's and CloudFormation's faces answer in it):
 * a body written through StAX into UTF-8 bytes, and the text element every shape is built of.
 */
public final class QueryXml {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    /** Writes the document's elements. */
    @FunctionalInterface
    public interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private QueryXml() {
    }

    /** The document {@code body} writes, in UTF-8; {@code service} names it in the error if StAX fails. */
    public static byte[] document(String service, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            body.write(w);
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a " + service + " XML response", e);
        }
        return out.toByteArray();
    }

    /** {@code <name>text</name>}, the text escaped. */
    public static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
