package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The one place that decides whether a keys command may write over a key or certificate file that already exists.
 * Overwriting a pool's {@code vrf.vkey} or an opcert silently loses what it held, so every writer asks here first,
 * before it generates or writes anything, and an existing file is replaced only with {@code --overwrite}. Files that
 * hold secrets (exports, bundles) are never replaced: {@link #refuseExisting} has no flag.
 */
public final class OutputFiles {
  @Option(names = "--overwrite",
      description = "Replace key or certificate files that already exist (without it, an existing file is refused).")
  boolean overwrite;

  /**
   * A file a command is about to write, with the flag that named it.
   *
   * @param flag the option, e.g. {@code --verification-key-file}
   * @param file the file
   */
  public record Target(String flag, Path file) {
    /** A target for a file the command names itself (no flag), inside a directory given by {@code flag}. */
    static Target in(String flag, Path dir, String name) {
      return new Target(flag, dir.resolve(name));
    }
  }

  /**
   * Refuses (exit 3, nothing written) when one of the files exists, unless {@code --overwrite} was given.
   *
   * @param targets the files the command will write (null entries are skipped)
   */
  void claim(Target... targets) {
    if (!overwrite) {
      refuse(existing(targets), "Move %1$s away first, or add --overwrite if replacing %1$s is what you mean");
    }
  }

  /**
   * Refuses (exit 3, nothing written) when one of the files exists, whatever the flags: for files that hold secrets.
   *
   * @param targets the files the command will write
   */
  static void refuseExisting(Target... targets) {
    refuse(existing(targets), "Such a file may hold a secret, so Palisade never replaces it: move %1$s away or"
        + " shred %1$s first");
  }

  private static List<Target> existing(Target... targets) {
    List<Target> found = new ArrayList<>();
    for (Target t : targets) {
      if (t != null && Files.exists(t.file(), LinkOption.NOFOLLOW_LINKS)) {
        found.add(t);
      }
    }
    return found;
  }

  private static void refuse(List<Target> existing, String advice) {
    if (existing.isEmpty()) {
      return;
    }
    StringBuilder m = new StringBuilder("refusing to overwrite ");
    for (int i = 0; i < existing.size(); i++) {
      Target t = existing.get(i);
      m.append(i == 0 ? "" : i == existing.size() - 1 ? " and " : ", ").append(t.file()).append(" (")
          .append(t.flag()).append(")");
    }
    m.append(existing.size() == 1 ? ": it already exists" : ": they already exist").append("; nothing was written. ")
        .append(String.format(advice, existing.size() == 1 ? "it" : "them")).append('.');
    throw new ExitException(ExitCodes.REFUSED, m.toString());
  }
}
