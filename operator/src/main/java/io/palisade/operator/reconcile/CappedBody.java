package io.palisade.operator.reconcile;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a limit: past it the subscription is cancelled (the connection dropped, nothing more
 * buffered) and the body is null. The JDK's own handlers buffer whatever a peer sends, chunked without end included.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final int limit;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private CappedBody(int limit) {
    this.limit = limit;
  }

  /** A handler whose bodies are at most {@code limit} bytes (null past it). */
  static HttpResponse.BodyHandler<byte[]> handler(int limit) {
    return info -> new CappedBody(limit);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      if (out.size() + b.remaining() > limit) {
        result.complete(null);
        subscription.cancel();
        return;
      }
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      out.write(bytes, 0, bytes.length);
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(out.toByteArray());
  }
}
