package dev.turnstile.localstage.template;

/**
 * A valid template that uses a feature the local stage does not emulate and that would change the data plane.
 * The message names the resource and the property, e.g.
 * {@code TurnstileApi: property Auth.ResourcePolicy is not supported by the local stage}.
 */
public class UnsupportedTemplateException extends TemplateException {

    public UnsupportedTemplateException(String message) {
        super(message);
    }

    /** The standard message for an unsupported property of a resource. */
    static UnsupportedTemplateException property(String logicalId, String propertyPath) {
        return new UnsupportedTemplateException(
                logicalId + ": property " + propertyPath + " is not supported by the local stage");
    }
}
