package io.palisade.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code palisade -V}: the version and the commit the jar was built from (both written into {@code build.properties}
 * by the build), and the Java runtime, for bug reports.
 */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Properties p = buildProperties();
    String version = p.getProperty("version", "development build");
    String commit = p.getProperty("commit", "unknown");
    return new String[] {"palisade " + version + " (commit " + commit + ")",
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }

  private static Properties buildProperties() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the jar's build.properties", e);
    }
    return p;
  }
}
