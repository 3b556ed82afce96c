package dev.turnstile.deploy.local;

import java.util.Map;

/**
 * Kubernetes' variable references in a container's {@code command}, {@code args}, {@code env} values and a volume
 * mount's {@code subPathExpr}: {@code $(NAME)} becomes the variable's value when the container's environment has it
 * and stays as written when not, {@code $$} is one {@code $}, and any other {@code $} is itself — the rules of
 * kubelet's expansion (kubernetes.io, "Define Dependent Environment Variables"; the API reference of
 * {@code Container.args}).
 */
final class KubernetesExpansion {

    private KubernetesExpansion() {
    }

    /** {@code input} with its references to {@code variables} expanded. */
    static String expand(String input, Map<String, String> variables) {
        if (input == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '$' || i + 1 == input.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = input.charAt(i + 1);
            if (next == '$') {
                out.append('$'); // escaped: $$(NAME) is the text $(NAME)
                i += 2;
            } else if (next == '(') {
                int close = input.indexOf(')', i + 2);
                if (close < 0) {
                    out.append("$(");
                    i += 2;
                } else {
                    String name = input.substring(i + 2, close);
                    String value = variables.get(name);
                    out.append(value != null ? value : "$(" + name + ")");
                    i = close + 1;
                }
            } else {
                out.append('$').append(next);
                i += 2;
            }
        }
        return out.toString();
    }
}
