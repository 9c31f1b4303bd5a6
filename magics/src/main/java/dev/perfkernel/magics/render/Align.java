package dev.perfkernel.magics.render;

/** Horizontal alignment of a table column. Numbers are right-aligned. */
public enum Align { LEFT, RIGHT, CENTER }
