package io.palisade.deploy.model;

/** Where a bundled official configuration set was published. The files are copied verbatim. */
public enum OfficialSource {
  /** The Cardano operations book, book.play.dev.cardano.org/environments (legacy tracing, node 10.4 and later). */
  BOOK("book", "book.play.dev.cardano.org environments (input-output-hk/cardano-playground@c9f15e5b)"),
  /** The book's pre-release set, book.play.dev.cardano.org/environments-pre (new tracing, node 10.6.2 and later). */
  BOOK_PRE("book-pre", "book.play.dev.cardano.org environments-pre (input-output-hk/cardano-playground@c9f15e5b)"),
  /** The cardano-node repository's own configuration/cardano (new tracing, node 10.7 and later; mainnet only). */
  NODE_REPO("node-repo", "IntersectMBO/cardano-node configuration/cardano (@0a21a743, 11.0.1-159)");

  private final String directory;
  private final String description;

  OfficialSource(String directory, String description) {
    this.directory = directory;
    this.description = description;
  }

  /** The resource directory under {@code official/}. */
  public String directory() {
    return directory;
  }

  /** Where the files come from, for people. */
  public String description() {
    return description;
  }
}
