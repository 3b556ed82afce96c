package dev.turnstile.localstage.template;

/** A template the local stage cannot load: bad YAML, a bad parameter value, a dangling reference. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
