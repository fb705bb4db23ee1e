package io.palisade.cli.help;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Palisade's {@code --help}: picocli's layout, with every wrapped section (header, description, options, commands,
 * footer) going through {@link WordWrapTable}, so no path, dotted key or time is split across two lines.
 */
public final class PalisadeHelp extends Help {
  /** The factory to give {@code CommandLine.setHelpFactory}. */
  public static final IHelpFactory FACTORY = PalisadeHelp::new;

  private PalisadeHelp(CommandSpec spec, ColorScheme colorScheme) {
    super(spec, colorScheme);
  }

  @Override
  public String header(Object... params) {
    return join(commandSpec().usageMessage().header(), params);
  }

  @Override
  public String description(Object... params) {
    return join(commandSpec().usageMessage().description(), params);
  }

  @Override
  public String footer(Object... params) {
    return join(commandSpec().usageMessage().footer(), params);
  }

  @Override
  public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
      ColorScheme scheme) {
    TextTable like = TextTable.forDefaultColumns(scheme, calcLongOptionColumnWidth(options, positionals, scheme),
        width());
    return new Layout(scheme, new WordWrapTable(scheme, like), createDefaultOptionRenderer(),
        createDefaultParameterRenderer());
  }

  /** As picocli's: two columns sized to the keys, one row per entry (the exit code list), wrapped at spaces. */
  @Override
  public TextTable createTextTable(Map<?, ?> map) {
    TextTable like = super.createTextTable(Map.of());
    if (map != null && !map.isEmpty()) {
      // Only for the column layout: picocli fills the table it returns, so the rows are added again below.
      like = super.createTextTable(map);
    }
    TextTable table = new WordWrapTable(colorScheme(), like);
    if (map != null) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        table.addRowValues(colorScheme().text(String.valueOf(e.getKey())),
            colorScheme().text(String.valueOf(e.getValue())));
      }
    }
    return table;
  }

  /** As picocli's join: one row per line, formatted with the parameters, wrapped to the usage width. */
  private String join(String[] lines, Object... params) {
    if (lines == null || lines.length == 0) {
      return "";
    }
    TextTable like = TextTable.forColumnWidths(colorScheme(), width());
    like.indentWrappedLines = 0;
    like.setAdjustLineBreaksForWideCJKCharacters(commandSpec().usageMessage().adjustLineBreaksForWideCJKCharacters());
    TextTable table = new WordWrapTable(colorScheme(), like);
    for (String line : lines) {
      table.addRowValues(colorScheme().text(line == null ? "" : String.format(line, params)));
    }
    return table.toString(new StringBuilder()).toString();
  }

  private int width() {
    return commandSpec().usageMessage().width();
  }
}
