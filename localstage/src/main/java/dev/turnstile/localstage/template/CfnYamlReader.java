package dev.turnstile.localstage.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a CloudFormation/SAM template (YAML or JSON) into plain maps and lists, turning the short-form tags
 * ({@code !Ref}, {@code !GetAtt A.B}, {@code !Sub} …) into their long form ({@code {"Ref": …}},
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code {"Fn::Sub": …}}). Unknown tags become {@code Fn::<Tag>} so the
 * resolver can refuse them by name.
 */
public final class CfnYamlReader {

    private CfnYamlReader() {
    }

    /** Reads a template file; the root must be a mapping. */
    public static Map<String, Object> read(Path template) {
        if (!Files.isRegularFile(template)) {
            throw new TemplateException("template not found: " + template.toAbsolutePath());
        }
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            return toRoot(newYaml().load(reader), template.toString());
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + template + ": " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new TemplateException("template " + template + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Reads template text (for tests and tools). */
    public static Map<String, Object> parse(String text) {
        try {
            return toRoot(newYaml().load(text), "<text>");
        } catch (YAMLException e) {
            throw new TemplateException("template is not valid YAML: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toRoot(Object loaded, String source) {
        if (!(loaded instanceof Map)) {
            throw new TemplateException("template " + source + " must be a YAML mapping at the top level");
        }
        return (Map<String, Object>) loaded;
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        return new Yaml(new CfnConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new NoTimestampResolver());
    }

    /** CloudFormation has no timestamps: {@code Version: 2012-10-17} stays a string. */
    private static final class NoTimestampResolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            Tag tag = super.resolve(kind, value, implicit);
            return Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
        }
    }

    /** Maps every non-standard tag to its long-form intrinsic (the fallback constructor trick). */
    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(null, new IntrinsicConstruct());
        }

        private final class IntrinsicConstruct extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue();
                if (!tag.startsWith("!")) {
                    throw new YAMLException("unsupported YAML tag " + tag + " at " + node.getStartMark());
                }
                String name = tag.substring(1);
                String key = switch (name) {
                    case "Ref", "Condition" -> name;
                    default -> "Fn::" + name;
                };
                Object value = switch (node.getNodeId()) {
                    case scalar -> constructScalar((ScalarNode) node);
                    case sequence -> new ArrayList<>(constructSequence((SequenceNode) node));
                    case mapping -> new LinkedHashMap<>(constructMapping((MappingNode) node));
                    default -> throw new YAMLException("unexpected node for " + tag + " at " + node.getStartMark());
                };
                if ("Fn::GetAtt".equals(key) && value instanceof String s) {
                    int dot = s.indexOf('.');
                    if (dot <= 0 || dot == s.length() - 1) {
                        throw new YAMLException("!GetAtt needs LogicalId.Attribute, got '" + s + "' at "
                                + node.getStartMark());
                    }
                    value = new ArrayList<>(List.of(s.substring(0, dot), s.substring(dot + 1)));
                }
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(key, value);
                return longForm;
            }
        }
    }
}
