package dev.perfkernel.kernel.session;

import jdk.jshell.Snippet;

/** A snippet with its position in the session's history (later means defined later). */
record HistoryEntry(Snippet snippet, int order) {}
