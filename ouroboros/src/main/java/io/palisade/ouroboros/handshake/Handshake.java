package io.palisade.ouroboros.handshake;

import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.HandshakeMessage.AcceptVersion;
import io.palisade.ouroboros.handshake.HandshakeMessage.ProposeVersions;
import io.palisade.ouroboros.handshake.HandshakeMessage.QueryReply;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refuse;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refused;
import io.palisade.ouroboros.handshake.HandshakeMessage.VersionMismatch;
import io.palisade.ouroboros.mux.MiniProtocol;
import io.palisade.ouroboros.mux.MuxChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The two sides of the handshake on a mux channel, the same for every protocol family: the initiator proposes and
 * reads the answer; the responder waits for the proposal and answers with {@link #negotiate}, a pure decision.
 */
public final class Handshake {
  private Handshake() {}

  /**
   * Sends {@code proposal} and reads the answer: {@code MsgAcceptVersion} or {@code MsgQueryReply}.
   *
   * @param channel a fresh channel, on the initiator's side
   * @param codec the family's codec
   * @param proposal our versions
   * @param timeout how long the answer may take
   * @param <D> the family's version data
   * @return the answer
   * @throws HandshakeRefusedException if the peer refuses; the message names the versions we offered and its own
   * @throws ProtocolException if the answer breaks the protocol
   * @throws IOException if the connection fails, closes or times out
   */
  public static <D> HandshakeMessage<D> propose(
      MuxChannel channel, HandshakeCodec<D> codec, ProposeVersions<D> proposal, Duration timeout)
      throws IOException, ProtocolException {
    channel.send(MiniProtocol.HANDSHAKE, codec.encode(proposal));
    HandshakeMessage<D> reply = codec.decode(
        channel.receive(MiniProtocol.HANDSHAKE, MiniProtocol.MAX_HANDSHAKE_BYTES, timeout));
    VersionDataCodec<D> family = codec.family();
    if (reply instanceof Refuse<D> r) {
      String offered = names(family, proposal.versions().keySet());
      if (r.reason() instanceof VersionMismatch m) {
        throw new HandshakeRefusedException("the peer refused every " + family.family() + " version we offered ("
            + offered + "); it supports " + names(family, m.versions()), r.reason());
      }
      throw new HandshakeRefusedException(r.reason().describe() + " (we offered " + offered + ")", r.reason());
    }
    if (reply instanceof ProposeVersions) {
      // Simultaneous open is not something a client does; a responder proposing back is confused.
      throw new ProtocolException("the peer answered our proposal with its own MsgProposeVersions");
    }
    if (reply instanceof AcceptVersion<D> a && !proposal.versions().containsKey(a.version())) {
      throw new ProtocolException("the peer accepted " + family.family() + " version "
          + family.versionName(a.version()) + ", which we did not offer (" + names(family,
          proposal.versions().keySet()) + ")");
    }
    return reply;
  }

  /**
   * Waits for the initiator's proposal.
   *
   * @param channel a fresh channel, on the responder's side
   * @param codec the family's codec
   * @param timeout how long the initiator has
   * @param <D> the family's version data
   * @return the proposal
   * @throws ProtocolException if the first message is not a proposal or breaks the protocol
   * @throws IOException if the connection fails, closes or times out
   */
  public static <D> ProposeVersions<D> awaitProposal(MuxChannel channel, HandshakeCodec<D> codec, Duration timeout)
      throws IOException, ProtocolException {
    HandshakeMessage<D> first = codec.decode(
        channel.receive(MiniProtocol.HANDSHAKE, MiniProtocol.MAX_HANDSHAKE_BYTES, timeout));
    if (!(first instanceof ProposeVersions<D> proposal)) {
      throw new ProtocolException("expected MsgProposeVersions, got " + first.getClass().getSimpleName());
    }
    return proposal;
  }

  /**
   * The responder's decision, as cardano-node makes it: the highest common version; its network magic must be ours;
   * an initiator that only queries gets our table; else our data for that version merged with theirs.
   *
   * @param family the protocol family
   * @param proposal the initiator's proposal
   * @param ours the versions we accept
   * @param networkMagic our network
   * @param ourData our version data for a version
   * @param merge the accepted data from (ours, theirs)
   * @param <D> the family's version data
   * @return MsgAcceptVersion, MsgQueryReply or MsgRefuse
   */
  public static <D> HandshakeMessage<D> negotiate(
      VersionDataCodec<D> family, ProposeVersions<D> proposal, SortedSet<Integer> ours, long networkMagic,
      IntFunction<D> ourData, BinaryOperator<D> merge) {
    Integer chosen = null;
    for (int v : proposal.versions().keySet()) {
      if (ours.contains(v)) {
        chosen = v;
      }
    }
    if (chosen == null) {
      return new Refuse<>(new VersionMismatch(new ArrayList<>(ours)));
    }
    D theirs = proposal.versions().get(chosen);
    if (family.networkMagic(theirs) != networkMagic) {
      return new Refuse<>(new Refused(chosen, "version data mismatch: networkMagic " + family.networkMagic(theirs)
          + " /= " + networkMagic));
    }
    if (family.query(theirs)) {
      SortedMap<Integer, D> table = new TreeMap<>();
      for (int v : ours) {
        table.put(v, ourData.apply(v));
      }
      return new QueryReply<>(table);
    }
    return new AcceptVersion<>(chosen, merge.apply(ourData.apply(chosen), theirs));
  }

  private static <D> String names(VersionDataCodec<D> family, Collection<Integer> versions) {
    return versions.stream().map(family::versionName).collect(Collectors.joining(", "));
  }
}
