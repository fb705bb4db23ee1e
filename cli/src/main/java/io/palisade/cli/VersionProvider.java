package io.palisade.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar's manifest (or "development" when run from classes). */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = PalisadeCommand.class.getPackage().getImplementationVersion();
    return new String[] {"palisade " + (v == null ? "development build" : v)};
  }
}
