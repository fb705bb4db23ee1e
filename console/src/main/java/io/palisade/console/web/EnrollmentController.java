package io.palisade.console.web;

import io.palisade.console.ConsoleServices;
import io.palisade.console.RefusedException;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.account.EnrollmentPurpose;
import io.palisade.console.account.Enrollment;
import io.palisade.console.account.TotpSecret;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Enrollment through a one-time link: choose a name and a password, add the shown secret to an authenticator app, and
 * confirm with a first code. The secret lives only in this browser session until the operator is created.
 */
@Controller
class EnrollmentController {
  private final ConsoleServices services;

  EnrollmentController(ConsoleServices services) {
    this.services = services;
  }

  @GetMapping("/enroll/{token}")
  String form(@PathVariable String token, HttpSession session, Model model) {
    Optional<EnrollmentPurpose> purpose = services.enrollment().checkLink(token);
    if (purpose.isEmpty()) {
      model.addAttribute("error", "This enrollment link is not valid: it was used, replaced by a newer one, or has"
          + " expired.");
      return "enroll-invalid";
    }
    return render(token, purpose.get(), secretFor(token, session), model);
  }

  private void failed(String username, String why, HttpServletRequest request) {
    String name = username == null ? "" : username.strip();
    services.anonymousAudit().append(AuditRecord.of("anonymous", "enrollment.failed",
        name.length() > 64 ? name.substring(0, 64) : name, "enrollment refused: " + why + "; from "
            + request.getRemoteAddr()));
  }

  @PostMapping("/enroll/{token}")
  String enroll(@PathVariable String token, @RequestParam String username, @RequestParam String password,
      @RequestParam String confirm, @RequestParam String code, HttpServletRequest request, HttpSession session,
      Model model) {
    Optional<EnrollmentPurpose> purpose = services.enrollment().checkLink(token);
    if (purpose.isEmpty()) {
      failed(username, "a spent, replaced, expired or unknown link", request);
      model.addAttribute("error", "This enrollment link is not valid any more.");
      return "enroll-invalid";
    }
    TotpSecret secret = secretFor(token, session);
    model.addAttribute("username", username);
    if (!password.equals(confirm)) {
      model.addAttribute("error", "The two passwords differ.");
      return render(token, purpose.get(), secret, model);
    }
    try {
      services.enrollment().enroll(token, username.strip(), password, secret, code, request.getRemoteAddr());
    } catch (RefusedException e) {
      // A wrong code, a spent link, the loser of a race for the last slot: all recorded.
      failed(username, e.getMessage(), request);
      model.addAttribute("error", e.getMessage());
      return render(token, purpose.get(), secret, model);
    }
    session.removeAttribute(attribute(token));
    secret.wipe();
    return "redirect:/login?enrolled";
  }

  private String render(String token, EnrollmentPurpose purpose, TotpSecret secret, Model model) {
    model.addAttribute("token", token);
    model.addAttribute("first", purpose == EnrollmentPurpose.FIRST);
    model.addAttribute("secret", secret.revealBase32());
    String account = model.getAttribute("username") instanceof String u && !u.isBlank() ? u : "operator";
    String otpauth = secret.revealOtpauthUri(Enrollment.ISSUER, account);
    model.addAttribute("otpauth", otpauth);
    model.addAttribute("otpauthQr", QrCodeSvg.dataUri(otpauth));
    return "enroll";
  }

  private TotpSecret secretFor(String token, HttpSession session) {
    Object s = session.getAttribute(attribute(token));
    if (s instanceof String base32) {
      return TotpSecret.ofBase32(base32);
    }
    TotpSecret fresh = services.enrollment().newTotpSecret();
    session.setAttribute(attribute(token), fresh.revealBase32());
    return fresh;
  }

  private static String attribute(String token) {
    return "enroll.secret." + Integer.toHexString(token.hashCode());
  }
}
