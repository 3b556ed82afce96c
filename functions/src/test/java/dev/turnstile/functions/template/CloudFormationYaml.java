package dev.turnstile.functions.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads CloudFormation YAML, turning the short-form tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, …) into
 * their long JSON forms, which plain snakeyaml refuses.
 */
public final class CloudFormationYaml {

    private CloudFormationYaml() {
    }

    /** The template as maps, lists and scalars. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Path template) throws IOException {
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new ShortFormConstructor()).load(reader);
            if (!(document instanceof Map)) {
                throw new IllegalArgumentException(template + " is not a YAML mapping");
            }
            return (Map<String, Object>) document;
        }
    }

    private static final class ShortFormConstructor extends SafeConstructor {
        ShortFormConstructor() {
            super(new LoaderOptions());
            // a null key is snakeyaml's fallback for tags it does not know: every CloudFormation short form
            yamlConstructors.put(null, new LongForm());
        }

        private final class LongForm extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue();
                if (!tag.startsWith("!")) {
                    throw new IllegalArgumentException("unsupported YAML tag " + tag + " at " + node.getStartMark());
                }
                String name = tag.substring(1);
                Object value = contents(node);
                if (name.equals("Ref") || name.equals("Condition")) {
                    return Map.of(name, value);
                }
                if (name.equals("GetAtt") && value instanceof String) {
                    // !GetAtt Resource.Attribute splits at the first dot only (attributes may contain dots)
                    String text = (String) value;
                    int dot = text.indexOf('.');
                    if (dot < 0) {
                        throw new IllegalArgumentException("!GetAtt " + text + " has no attribute at "
                                + node.getStartMark());
                    }
                    return Map.of("Fn::GetAtt", List.of(text.substring(0, dot), text.substring(dot + 1)));
                }
                return Map.of("Fn::" + name, value);
            }

            private Object contents(Node node) {
                if (node instanceof ScalarNode) {
                    return constructScalar((ScalarNode) node);
                }
                if (node instanceof SequenceNode) {
                    return constructSequence((SequenceNode) node);
                }
                if (node instanceof MappingNode) {
                    return constructMapping((MappingNode) node);
                }
                throw new IllegalArgumentException("unexpected YAML node " + node.getNodeId() + " at "
                        + node.getStartMark());
            }
        }
    }
}
