package io.palisade.console.web;

import io.palisade.console.ConsoleServices;
import io.palisade.console.audit.AuditCheckpoint;
import io.palisade.console.audit.AuditHead;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.audit.AuditVerification;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The audit log: the newest entries, verifying the chain, and exporting a checkpoint of its head. */
@Controller
class AuditController {
  private static final String PAGE = "/audit";

  private final ConsoleServices services;

  AuditController(ConsoleServices services) {
    this.services = services;
  }

  @GetMapping(PAGE)
  String page(Model model) {
    model.addAttribute("entries", services.audit().recent(200).stream().map(Rows.AuditRow::of).toList());
    AuditHead head = services.audit().head();
    model.addAttribute("headSeq", head.seq());
    model.addAttribute("headHash", head.hash());
    return "audit";
  }

  @PostMapping(PAGE + "/verify")
  String verify(Authentication auth, RedirectAttributes r) {
    AuditVerification v = services.verifier().verify(Optional.empty());
    services.audit().append(AuditRecord.of(auth.getName(), "audit.verified", "", v.intact()
        ? "chain intact: " + v.entries() + " entries" : "chain BROKEN: " + v.firstBreak().orElseThrow().reason()));
    return v.intact()
        ? Flash.ok(r, "The audit chain is intact: " + v.entries() + " entries, head " + v.head().hash() + ".", PAGE)
        : Flash.error(r, "The audit chain is broken at entry #" + v.firstBreak().orElseThrow().seq() + ": "
            + v.firstBreak().orElseThrow().reason(), PAGE);
  }

  @PostMapping(PAGE + "/checkpoint")
  ResponseEntity<byte[]> checkpoint(Authentication auth) {
    // Recorded first, so the checkpoint covers its own export.
    services.audit().append(AuditRecord.of(auth.getName(), "audit.checkpoint-exported", "", "head checkpoint"
        + " downloaded"));
    AuditHead head = services.audit().head();
    AuditCheckpoint cp = new AuditCheckpoint(head.seq(), head.hash(), services.clock().instant());
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"palisade-audit-checkpoint-" + head.seq() + ".json\"")
        .body((cp.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
