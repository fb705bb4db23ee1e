package io.palisade.spec.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one YAML document into a {@link YamlNode} tree with positions, through Jackson's YAML parser.
 *
 * <p>Input is hostile until proven otherwise: the document size, nesting depth and alias count are bounded, aliases
 * are refused outright (a pool spec has no use for them, and they are how "billion laughs" documents grow), duplicate
 * keys are errors (YAML says they are, and a silently dropped duplicate hides a mistake), and only one document is
 * allowed.
 */
public final class YamlTreeReader {
  /** A pool spec is a few kilobytes; a megabyte is generous. */
  public static final int MAX_DOCUMENT_CHARS = 1024 * 1024;

  private static final int MAX_DEPTH = 32;

  private final YAMLFactory factory;

  /** A reader with Palisade's limits. */
  public YamlTreeReader() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_DOCUMENT_CHARS);
    options.setMaxAliasesForCollections(0);
    options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with both positions
    options.setNestingDepthLimit(MAX_DEPTH);
    this.factory = YAMLFactory.builder().loaderOptions(options).build();
    factory.setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(64 * 1024).build());
  }

  /**
   * Parses {@code text} into a tree.
   *
   * @param text the whole document
   * @return the root node ({@link YamlNode.Null} for an empty document)
   * @throws YamlSyntaxException with the position of the first syntax problem
   */
  public YamlNode read(String text) throws YamlSyntaxException {
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new YamlSyntaxException(
          "document is " + text.length() + " characters; the limit is " + MAX_DOCUMENT_CHARS, SourceLocation.UNKNOWN);
    }
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new YamlNode.Null(new SourceLocation(1, 1));
      }
      YamlNode root = readValue((YAMLParser) parser, 0);
      JsonToken next = parser.nextToken();
      if (next != null) {
        throw new YamlSyntaxException(
            "more than one YAML document; a pool spec is a single document", location(parser.currentTokenLocation()));
      }
      return root;
    } catch (YamlSyntaxException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw translate(e);
    }
  }

  private YamlNode readValue(YAMLParser parser, int depth) throws IOException, YamlSyntaxException {
    SourceLocation at = location(parser.currentTokenLocation());
    if (parser.isCurrentAlias()) {
      throw new YamlSyntaxException("YAML aliases (*" + parser.getText() + ") are not allowed in a pool spec", at);
    }
    if (depth > MAX_DEPTH) {
      throw new YamlSyntaxException("nested deeper than " + MAX_DEPTH + " levels", at);
    }
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return readMapping(parser, depth, at);
      case START_ARRAY:
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(parser, depth + 1));
        }
        return new YamlNode.Sequence(items, at);
      case VALUE_NULL:
        return new YamlNode.Null(at);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.BOOLEAN, at);
      case VALUE_NUMBER_INT:
        return new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.INTEGER, at);
      case VALUE_NUMBER_FLOAT:
        return new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.DECIMAL, at);
      case VALUE_STRING:
        return new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.STRING, at);
      default:
        throw new YamlSyntaxException("unexpected YAML content (" + token + ")", at);
    }
  }

  private YamlNode readMapping(YAMLParser parser, int depth, SourceLocation at)
      throws IOException, YamlSyntaxException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      SourceLocation keyAt = location(parser.currentTokenLocation());
      parser.nextToken();
      YamlNode value = readValue(parser, depth + 1);
      YamlNode.Entry previous = entries.putIfAbsent(key, new YamlNode.Entry(keyAt, value));
      if (previous != null) {
        throw new YamlSyntaxException(
            "duplicate key '" + key + "' (first at line " + previous.keyLocation().line() + ")", keyAt);
      }
    }
    return new YamlNode.Mapping(entries, at);
  }

  private static SourceLocation location(JsonLocation loc) {
    if (loc == null || loc.getLineNr() <= 0) {
      return SourceLocation.UNKNOWN;
    }
    return new SourceLocation(loc.getLineNr(), Math.max(1, loc.getColumnNr()));
  }

  private static YamlSyntaxException translate(Exception e) {
    // SnakeYAML's "marked" exceptions carry the position; Jackson wraps them with its own location.
    SourceLocation at = SourceLocation.UNKNOWN;
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
      at = location(jpe.getLocation());
      message = jpe.getOriginalMessage();
    }
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
        if (marked.getProblemMark() != null) {
          at = new SourceLocation(marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1);
        }
        message = firstLine(marked.getProblem() != null ? marked.getProblem() : marked.getMessage());
        if (marked.getContext() != null) {
          message = firstLine(marked.getContext()) + ": " + message;
        }
        break;
      }
      if (cause instanceof org.yaml.snakeyaml.error.YAMLException && cause.getMessage() != null) {
        message = firstLine(cause.getMessage());
      }
      cause = cause.getCause();
    }
    return new YamlSyntaxException("not valid YAML: " + message, at);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s.trim() : s.substring(0, nl).trim();
  }
}
