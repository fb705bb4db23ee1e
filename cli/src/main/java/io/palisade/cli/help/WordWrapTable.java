package io.palisade.cli.help;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;

/**
 * A help table that wraps lines at spaces only. Picocli wraps with the JDK's line break iterator, which also breaks
 * after '.' and ':', so a path like {@code ~/.local/state}, a key like {@code upgrade.holdOff} or a time like
 * {@code 10:19:32} could be split across two lines of {@code --help}. Each over-long line is broken at its last space
 * that fits before picocli sees it; a single word longer than the column is left to picocli.
 */
final class WordWrapTable extends TextTable {
  private final ColorScheme colorScheme;

  WordWrapTable(ColorScheme colorScheme, TextTable like) {
    super(colorScheme, copy(like.columns()));
    this.colorScheme = colorScheme;
    this.indentWrappedLines = like.indentWrappedLines;
    setAdjustLineBreaksForWideCJKCharacters(like.isAdjustLineBreaksForWideCJKCharacters());
  }

  private static Column[] copy(Column[] columns) {
    Column[] c = new Column[columns.length];
    for (int i = 0; i < columns.length; i++) {
      c[i] = new Column(columns[i].width, columns[i].indent, columns[i].overflow);
    }
    return c;
  }

  @Override
  public void addRowValues(Text... values) {
    Column[] columns = columns();
    List<List<Text>> pieces = new ArrayList<>();
    boolean broken = false;
    for (int i = 0; i < values.length; i++) {
      Column c = i < columns.length ? columns[i] : null;
      List<Text> p = values[i] == null || c == null || c.overflow != Column.Overflow.WRAP ? null : wrap(values[i], c);
      broken |= p != null;
      pieces.add(p);
    }
    if (!broken) {
      super.addRowValues(values);
      return;
    }
    // One table row per piece: picocli never has to break a line itself.
    int rows = pieces.stream().mapToInt(p -> p == null ? 1 : p.size()).max().orElse(1);
    for (int r = 0; r < rows; r++) {
      Text[] row = new Text[values.length];
      for (int i = 0; i < values.length; i++) {
        List<Text> p = pieces.get(i);
        row[i] = p == null ? (r == 0 ? values[i] : colorScheme.text("")) : r < p.size() ? p.get(r) : colorScheme.text("");
      }
      super.addRowValues(row);
    }
  }

  /**
   * Breaks {@code value} at spaces into lines that fit the column, continuation lines indented as picocli indents
   * them; null when it fits as it is (picocli then keeps its styles).
   */
  private List<Text> wrap(Text value, Column column) {
    int first = column.width - column.indent - 1;
    int next = first - indentWrappedLines;
    String plain = value.plainString();
    if (plain.indexOf('\n') < 0 && plain.length() <= first) {
      return null;
    }
    String pad = " ".repeat(Math.max(0, indentWrappedLines));
    List<Text> out = new ArrayList<>();
    for (String line : plain.split("\n", -1)) {
      List<String> pieces = split(line, first, next);
      for (int p = 0; p < pieces.size(); p++) {
        out.add(colorScheme.text(p == 0 ? pieces.get(p) : pad + pieces.get(p)));
      }
    }
    return out;
  }

  private static List<String> split(String line, int firstRoom, int nextRoom) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    int room = firstRoom;
    while (line.length() - start > room && room > 0) {
      int cut = line.lastIndexOf(' ', start + room);
      if (cut <= start) {
        break; // one word longer than the column: picocli breaks it
      }
      pieces.add(line.substring(start, cut));
      start = cut;
      while (start < line.length() && line.charAt(start) == ' ') {
        start++;
      }
      room = nextRoom;
    }
    pieces.add(line.substring(start));
    return pieces;
  }
}
