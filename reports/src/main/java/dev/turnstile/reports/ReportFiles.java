package dev.turnstile.reports;

import java.nio.file.Path;

/** The files one report run wrote. */
public record ReportFiles(Path html, Path json, Path markdown) {
}
