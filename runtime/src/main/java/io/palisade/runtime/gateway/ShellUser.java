package io.palisade.runtime.gateway;

import io.palisade.spec.BoundedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The unprivileged account browser shells run as on the single-host runtime: {@value #NAME}, a system user with no
 * home, no login shell, no groups and no capabilities. Palisade creates it on first use (with {@code useradd}) when the
 * console runs as root, and starts each shell through {@code setpriv}: it drops to that user, clears supplementary
 * groups, sets {@code no_new_privs} (no setuid escape) and empties the capability sets. The shell starts in the node's
 * directory; the data directory above it (0700), the control-plane token, the console's files and the hot keys (0600,
 * 0700 directories) are root's and out of its reach.
 *
 * <p>Where that cannot be set up (the console does not run as root, or {@code setpriv}/{@code useradd} are missing),
 * shells are refused with the reason: a shell running as the console's own user could read the token and the
 * console's key and bypass the delay.
 */
public final class ShellUser {
  /** The account's name. */
  public static final String NAME = "palisade-shell";

  private static final Path PASSWD = Path.of("/etc/passwd");
  private static final List<String> SETPRIV = List.of("/usr/bin/setpriv", "/bin/setpriv");
  private static final List<String> USERADD = List.of("/usr/sbin/useradd", "/sbin/useradd");

  private final Optional<Account> account;
  private final String refusal;

  /**
   * @param uid the account's user id
   * @param gid its group id
   * @param setpriv the {@code setpriv} binary
   */
  record Account(long uid, long gid, String setpriv) {}

  private ShellUser(Optional<Account> account, String refusal) {
    this.account = account;
    this.refusal = refusal;
  }

  /**
   * Finds the account, creating it when this process is root and it is missing.
   *
   * @return the shell user, or one that refuses every shell with the reason
   */
  public static ShellUser prepare() {
    return prepare(currentUid(), PASSWD);
  }

  /**
   * As {@link #prepare()}, for a given effective user id and account database (tests pass others).
   *
   * @param uid the console's effective user id
   * @param passwd the account database
   * @return the shell user, or one that refuses every shell with the reason
   */
  public static ShellUser prepare(long uid, Path passwd) {
    Optional<String> setpriv = SETPRIV.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    if (uid != 0) {
      return refused("the console does not run as root (uid " + uid + "), so it cannot start shells as the"
          + " unprivileged user " + NAME + "; a shell as the console's own user could read the control-plane token"
          + " and the console's files, so none is opened. Run the console as root (as 'palisade up' does) to get"
          + " shells, or use SSH to the host");
    }
    if (setpriv.isEmpty()) {
      return refused("setpriv (util-linux) is not installed: shells cannot drop to " + NAME);
    }
    try {
      Optional<Account> found = lookup(passwd, setpriv.get());
      if (found.isEmpty()) {
        create();
        found = lookup(passwd, setpriv.get());
      }
      return found.map(a -> new ShellUser(Optional.of(a), ""))
          .orElseGet(() -> refused("the user " + NAME + " could not be created"));
    } catch (IOException e) {
      return refused("the user " + NAME + " could not be found or created: " + e.getMessage());
    }
  }

  private static ShellUser refused(String why) {
    return new ShellUser(Optional.empty(), why);
  }

  /** @return whether shells can be opened */
  public boolean available() {
    return account.isPresent();
  }

  /** @return why shells are refused (empty when they are available) */
  public String refusal() {
    return refusal;
  }

  /**
   * The command that runs an interactive shell as this user.
   *
   * @return {@code setpriv ... -- /bin/sh -i}
   * @throws IOException with the refusal when shells cannot be confined here
   */
  public List<String> shellCommand() throws IOException {
    Account a = account.orElseThrow(() -> new IOException("shells are refused on this host: " + refusal));
    return List.of(a.setpriv(), "--reuid=" + a.uid(), "--regid=" + a.gid(), "--clear-groups", "--no-new-privs",
        "--inh-caps=-all", "--bounding-set=-all", "--", "/bin/sh", "-i");
  }

  /** @return the account's user id, when available */
  public Optional<Long> uid() {
    return account.map(Account::uid);
  }

  static Optional<Account> lookup(Path passwd, String setpriv) throws IOException {
    String text = new String(BoundedFile.read(passwd, 4 << 20), StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length >= 4 && f[0].equals(NAME)) {
        try {
          return Optional.of(new Account(Long.parseLong(f[2]), Long.parseLong(f[3]), setpriv));
        } catch (NumberFormatException e) {
          throw new IOException("malformed passwd entry for " + NAME, e);
        }
      }
    }
    return Optional.empty();
  }

  private static void create() throws IOException {
    String useradd = USERADD.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst()
        .orElseThrow(() -> new IOException("useradd is not installed"));
    Process p = new ProcessBuilder(useradd, "--system", "--user-group", "--no-create-home", "--home-dir",
        "/nonexistent", "--shell", "/usr/sbin/nologin", "--comment", "Palisade console shells", NAME)
        .redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("useradd did not finish in 30 s");
      }
      String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
      // 9: the name exists (another console created it meanwhile): fine, it is looked up again.
      if (p.exitValue() != 0 && p.exitValue() != 9) {
        throw new IOException("useradd failed (exit " + p.exitValue() + "): " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating " + NAME, e);
    }
  }

  private static long currentUid() {
    try {
      for (String line : new String(BoundedFile.read(Path.of("/proc/self/status"), 1 << 16),
          StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("Uid:")) {
          return Long.parseLong(line.substring(4).strip().split("\\s+")[1]); // the effective uid
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc is not mounted: treat as not root (shells are refused, which is safe)
    }
    return -1;
  }
}
