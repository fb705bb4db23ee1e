/** Control logic (pure decisions from desired, observed, clock) and the single-host runtime that acts on them. */
package io.palisade.control;
