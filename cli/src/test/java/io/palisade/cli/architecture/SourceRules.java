package io.palisade.cli.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules read from the sources, not the classes: no wildcard imports, Javadoc on every public top-level type, and
 * no main source file longer than {@link #MAX_LINES}. Pure functions of a file's text, so
 * {@link SourceArchitectureTest} can show them failing on a few lines.
 * Top level means declared at column 0 (the project indents nested types); annotations may sit between the Javadoc
 * and the declaration.
 */
final class SourceRules {
  private static final Pattern WILDCARD_IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?[\\w.]+\\.\\*\\s*;",
      Pattern.MULTILINE);
  private static final Pattern PUBLIC_TOP_LEVEL_TYPE = Pattern.compile(
      "^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)"
          + "\\s+(\\w+)");

  /**
   * The longest a main source file may be. The project's standard is classes under about 350 lines, split along their
   * decisions and their I/O when they grow past it; 360 leaves room for a small change to a class at the standard,
   * not for a class to keep growing one change at a time unnoticed.
   */
  static final int MAX_LINES = 360;

  private SourceRules() {}

  /** The number of lines of a source file (a last line without its line end counts), if over {@link #MAX_LINES}. */
  static OptionalInt tooLong(String source) {
    int lines = (int) source.lines().count();
    return lines > MAX_LINES ? OptionalInt.of(lines) : OptionalInt.empty();
  }

  /** The wildcard import lines of a source file. */
  static List<String> wildcardImports(String source) {
    List<String> found = new ArrayList<>();
    Matcher m = WILDCARD_IMPORT.matcher(source);
    while (m.find()) {
      found.add(m.group().trim());
    }
    return found;
  }

  /** The public top-level types of a source file that have no Javadoc comment right before them. */
  static List<String> undocumentedPublicTypes(String source) {
    List<String> found = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = PUBLIC_TOP_LEVEL_TYPE.matcher(lines[i]);
      if (m.find() && !javadocEndsAbove(lines, i)) {
        found.add(m.group(1));
      }
    }
    return found;
  }

  /** Whether the lines above {@code declaration}, past its annotations, end a comment opened by {@code /**}. */
  private static boolean javadocEndsAbove(String[] lines, int declaration) {
    int i = declaration - 1;
    // Annotations (and the continuation lines of a multi-line one) between the Javadoc and the type.
    while (i >= 0 && (lines[i].startsWith("@") || lines[i].startsWith(" ") && !lines[i].trim().startsWith("*")
        && !lines[i].trim().startsWith("/*") && !lines[i].isBlank())) {
      i--;
    }
    if (i < 0 || !lines[i].trim().endsWith("*/")) {
      return false;
    }
    for (; i >= 0; i--) {
      String line = lines[i].trim();
      if (line.startsWith("/**")) {
        return true;
      }
      if (line.startsWith("/*")) {
        return false;
      }
    }
    return false;
  }
}
