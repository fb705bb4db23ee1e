package io.palisade.console.web;

import io.palisade.console.ConsoleException;
import io.palisade.console.ConsoleServices;
import io.palisade.console.delay.ChangeOutcome;
import io.palisade.console.delay.ConsoleAction;
import io.palisade.console.delay.DelayPolicy;
import io.palisade.gateway.KeyRole;
import io.palisade.gateway.PoolAction;
import io.palisade.gateway.PoolSnapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changes to the pool. Upgrades and new relays run at once; removals, deletions and key operations are queued behind
 * the delay and can be cancelled by either operator. Every POST here needs a recent second factor.
 */
@Controller
class ActionsController {
  private static final String PAGE = "/actions";

  private final ConsoleServices services;

  ActionsController(ConsoleServices services) {
    this.services = services;
  }

  @GetMapping(PAGE)
  String page(Model model) {
    Instant now = services.clock().instant();
    PoolSnapshot snapshot;
    try {
      snapshot = services.gateway().snapshot();
    } catch (RuntimeException e) {
      snapshot = PoolSnapshot.disconnected(now, e.getMessage());
    }
    ActionTargets targets = ActionTargets.of(snapshot);
    model.addAttribute("nodes", targets.nodes());
    model.addAttribute("relays", targets.relays());
    model.addAttribute("roles", targets.onlineKeys().stream().map(Enum::name).toList());
    model.addAttribute("running", targets.running().map(Object::toString).orElse(""));
    model.addAttribute("delay", DelayPolicy.days(services.delays().current()));
    model.addAttribute("actions", services.queue().recent(50).stream().map(a -> Rows.ActionRow.of(a, now)).toList());
    return "actions";
  }

  @PostMapping(PAGE + "/upgrade")
  String upgrade(@RequestParam String version, @RequestParam(defaultValue = "false") boolean allowDowngrade,
      Authentication auth, RedirectAttributes r) {
    Optional<String> refused;
    boolean downgrade;
    try {
      ActionTargets targets = ActionTargets.of(services.gateway().snapshot());
      downgrade = targets.downgrade(version.strip());
      refused = downgrade && !allowDowngrade ? Optional.of(version.strip() + " is older than "
          + targets.running().orElseThrow() + ", which the pool runs: that is a downgrade. Tick \"this is a"
          + " downgrade\" to confirm it") : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Flash.error(r, e.getMessage(), PAGE);
    } catch (RuntimeException e) {
      // The gateway cannot tell what the pool runs: the runtime refuses a downgrade that was not confirmed.
      downgrade = false;
      refused = Optional.empty();
    }
    if (refused.isPresent()) {
      return Flash.error(r, "Not done: " + refused.get() + ".", PAGE);
    }
    // The flag is set only for what the console saw as a downgrade: the action's words then say so.
    boolean confirmed = downgrade && allowDowngrade;
    return request(auth, r, () -> new PoolAction.Upgrade(version.strip(), confirmed));
  }

  @PostMapping(PAGE + "/add-relay")
  String addRelay(@RequestParam String region, Authentication auth, RedirectAttributes r) {
    return request(auth, r, () -> new PoolAction.AddRelay(region.strip()));
  }

  @PostMapping(PAGE + "/remove-relay")
  String removeRelay(@RequestParam String node, Authentication auth, RedirectAttributes r) {
    return request(auth, r, () -> new PoolAction.RemoveRelay(node));
  }

  @PostMapping(PAGE + "/remove-node")
  String removeNode(@RequestParam String node, Authentication auth, RedirectAttributes r) {
    return request(auth, r, () -> new PoolAction.RemoveNode(node));
  }

  @PostMapping(PAGE + "/delete-volume")
  String deleteVolume(@RequestParam String node, Authentication auth, RedirectAttributes r) {
    return request(auth, r, () -> new PoolAction.DeleteVolume(node));
  }

  @PostMapping(PAGE + "/delete-pool")
  String deletePool(@RequestParam(defaultValue = "") String confirm, Authentication auth, RedirectAttributes r) {
    if (!"delete the pool".equals(confirm.strip())) {
      return Flash.error(r, "Type \"delete the pool\" to confirm.", PAGE);
    }
    return request(auth, r, PoolAction.DeletePool::new);
  }

  @PostMapping(PAGE + "/rotate-keys")
  String rotateKeys(@RequestParam String role, @RequestParam(defaultValue = "") String passphraseFile,
      Authentication auth, RedirectAttributes r) {
    return request(auth, r, () -> new PoolAction.RotateKeys(keyRole(role), passphraseFile));
  }

  @PostMapping(PAGE + "/revoke-keys")
  String revokeKeys(@RequestParam String role, @RequestParam(defaultValue = "") String reason, Authentication auth,
      RedirectAttributes r) {
    return request(auth, r, () -> new PoolAction.RevokeKeys(keyRole(role), reason));
  }

  @PostMapping(PAGE + "/{id}/cancel")
  String cancel(@PathVariable String id, Authentication auth, RedirectAttributes r) {
    try {
      var a = services.changes().cancel(auth.getName(), id);
      return Flash.ok(r, "Cancelled: " + a.describe() + ".", PAGE);
    } catch (ConsoleException e) {
      return Flash.error(r, e.getMessage(), PAGE);
    }
  }

  /** The key named in a form, with a message for people (never {@code No enum constant io.palisade...}). */
  private static KeyRole keyRole(String role) {
    return Arrays.stream(KeyRole.values()).filter(k -> k.name().equals(role)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no key named \"" + (role.length() > 20
            ? role.substring(0, 20) + "..." : role) + "\": choose one of " + Arrays.stream(KeyRole.values())
            .map(Enum::name).toList()));
  }

  private String request(Authentication auth, RedirectAttributes r, Supplier<PoolAction> action) {
    PoolAction a;
    try {
      a = action.get();
    } catch (IllegalArgumentException e) {
      return Flash.error(r, e.getMessage(), PAGE);
    }
    return submit(services, auth.getName(), new ConsoleAction.OnPool(a), r, PAGE);
  }

  static String submit(ConsoleServices services, String by, ConsoleAction action, RedirectAttributes r, String page) {
    try {
      ChangeOutcome outcome = services.changes().request(by, action);
      if (outcome instanceof ChangeOutcome.Queued q) {
        return Flash.ok(r, "Queued: " + action.describe() + ". It runs after " + Formats.instant(q.queued().dueAt())
            + " (in " + Formats.duration(q.queued().remaining(services.clock().instant())) + ") unless an operator"
            + " cancels it.", page);
      }
      ChangeOutcome.Executed e = (ChangeOutcome.Executed) outcome;
      return e.result().ok()
          ? Flash.ok(r, "Done: " + action.describe() + ": " + e.result().message(), page)
          : Flash.error(r, "Failed: " + action.describe() + ": " + e.result().message(), page);
    } catch (ConsoleException e) {
      return Flash.error(r, "Not done: " + e.getMessage(), page);
    }
  }
}
