package dev.turnstile.localstage.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits of the test templates in {@code template-cases/}: YAML put in place of a marker line such as {@code #API}. */
final class TemplateEdits {

    private TemplateEdits() {
    }

    /** {@code base} with the line holding only {@code marker} replaced by {@code yaml}, each line at the marker's indentation. */
    static String atMarker(String base, String marker, String yaml) {
        Matcher m = Pattern.compile("(?m)^( *)" + Pattern.quote(marker) + "$").matcher(base);
        if (!m.find()) {
            throw new IllegalArgumentException("the template has no marker line " + marker);
        }
        String indent = m.group(1);
        return base.substring(0, m.start()) + indent + yaml.strip().replace("\n", "\n" + indent) + base.substring(m.end());
    }
}
