package io.palisade.console.web;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves Spring Security's own WebAuthn browser script from its jar (not copied into the console). */
@RestController
class WebAuthnScriptController {
  private static final String RESOURCE = "/org/springframework/security/spring-security-webauthn.js";

  @GetMapping(value = "/js/spring-security-webauthn.js", produces = "text/javascript")
  ResponseEntity<byte[]> script() throws IOException {
    try (InputStream in = org.springframework.security.web.SecurityFilterChain.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return ResponseEntity.notFound().build();
      }
      return ResponseEntity.ok()
          .contentType(MediaType.valueOf("text/javascript"))
          .cacheControl(CacheControl.noCache())
          .body(in.readAllBytes());
    }
  }
}
