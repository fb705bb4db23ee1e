package io.palisade.console.web;

import io.palisade.console.ConsoleException;
import io.palisade.console.ConsoleServices;
import io.palisade.console.account.Operator;
import io.palisade.console.account.EnrollmentRules;
import io.palisade.console.account.Passkeys;
import io.palisade.console.delay.ActionState;
import io.palisade.console.delay.ClockVerdict;
import io.palisade.console.delay.ConsoleAction;
import io.palisade.console.delay.DelayPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operators and their factors, the delay, and the clock hold. Inviting the second operator and adding a passkey happen
 * at once (with a recent second factor); removing an operator or a factor and changing the delay are queued.
 */
@Controller
class SecurityController {
  private static final String PAGE = "/security";

  private final ConsoleServices services;

  SecurityController(ConsoleServices services) {
    this.services = services;
  }

  record OperatorRow(String username, int slot, String since, String invitedBy, boolean hasTotp,
      List<Passkeys.Passkey> passkeys) {}

  @GetMapping(PAGE)
  String page(Model model) {
    List<OperatorRow> rows = new ArrayList<>();
    for (Operator o : services.operators().active()) {
      rows.add(new OperatorRow(o.username(), o.slot(), Formats.instant(o.createdAt()), o.invitedBy(), o.hasTotp(),
          services.db().transaction(c -> Passkeys.list(c, o.username()))));
    }
    model.addAttribute("operators", rows);
    model.addAttribute("canInvite", rows.size() < EnrollmentRules.MAX_OPERATORS);
    model.addAttribute("max", EnrollmentRules.MAX_OPERATORS);
    model.addAttribute("delay", DelayPolicy.days(services.delays().current()));
    model.addAttribute("delayDays", services.delays().current().toDays());
    model.addAttribute("floorDays", DelayPolicy.FLOOR.toDays());
    ClockVerdict v = services.guard().verdict();
    model.addAttribute("clock", Map.of("held", v.held(), "reason", v.reason(), "since", Formats.instant(v.since()),
        "jump", Formats.duration(v.forwardJump())));
    Instant now = services.clock().instant();
    model.addAttribute("pending", services.queue().inState(ActionState.PENDING).stream()
        .map(a -> Rows.ActionRow.of(a, now)).toList());
    return "security";
  }

  @GetMapping("/webauthn/register")
  String afterPasskey(RedirectAttributes r) {
    return Flash.ok(r, "Passkey added.", PAGE);
  }

  @PostMapping(PAGE + "/invite")
  String invite(Authentication auth, RedirectAttributes r) {
    try {
      String token = services.enrollment().invite(auth.getName());
      r.addFlashAttribute("invitation", services.publicUrl().resolve("/enroll/" + token).toString());
      return Flash.ok(r, "Invitation created. Send this link to the second operator over a trusted channel; it works"
          + " once, for " + EnrollmentRules.LINK_VALIDITY.toHours() + " hours, and is not shown again.", PAGE);
    } catch (ConsoleException e) {
      return Flash.error(r, e.getMessage(), PAGE);
    }
  }

  @PostMapping(PAGE + "/operators/remove")
  String removeOperator(@RequestParam String username, Authentication auth, RedirectAttributes r) {
    return queue(auth, r, () -> new ConsoleAction.RemoveOperator(username));
  }

  @PostMapping(PAGE + "/factors/remove-totp")
  String removeTotp(@RequestParam String username, Authentication auth, RedirectAttributes r) {
    return queue(auth, r, () -> new ConsoleAction.RemoveFactor(username, ConsoleAction.FactorKind.TOTP, ""));
  }

  @PostMapping(PAGE + "/factors/remove-passkey")
  String removePasskey(@RequestParam String username, @RequestParam String credentialId, Authentication auth,
      RedirectAttributes r) {
    return queue(auth, r,
        () -> new ConsoleAction.RemoveFactor(username, ConsoleAction.FactorKind.PASSKEY, credentialId));
  }

  @PostMapping(PAGE + "/delay")
  String changeDelay(@RequestParam long days, Authentication auth, RedirectAttributes r) {
    return queue(auth, r, () -> new ConsoleAction.ChangeDelay(Duration.ofDays(days)));
  }

  @PostMapping(PAGE + "/clock/release")
  String releaseClock(Authentication auth, RedirectAttributes r) {
    ClockVerdict v = services.guard().release(auth.getName(), "released by " + auth.getName());
    return v.held()
        ? Flash.error(r, "The hold is still on.", PAGE)
        : Flash.ok(r, "Clock hold released; pending actions were extended by the forward jump.", PAGE);
  }

  private String queue(Authentication auth, RedirectAttributes r,
      java.util.function.Supplier<ConsoleAction> action) {
    ConsoleAction a;
    try {
      a = action.get();
    } catch (IllegalArgumentException e) {
      return Flash.error(r, e.getMessage(), PAGE);
    }
    return ActionsController.submit(services, auth.getName(), a, r, PAGE);
  }
}
