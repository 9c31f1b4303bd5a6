package dev.perfkernel.kernel.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class JavadocTextTest {
    // String.valueOf(char[], int, int) from JDK 17's src.zip, as JShell hands it over.
    private static final String VALUE_OF = """
            Returns the string representation of a specific subarray of the
             {@code char} array argument.
             <p>
             The {@code offset} argument is the index of the first
             character of the subarray. See {@link java.lang.Object#toString() toString}
             and {@link #copyValueOf(char[])}.

             @param   data     the character array.
             @param   offset   initial offset of the subarray.
             @return  a {@code String} that contains the characters of the
                      specified subarray of the character array.
             @throws    IndexOutOfBoundsException if {@code offset} is
                      negative.
             @since 1.0
             @implSpec not for tooltips
            """;

    @Test
    void inlineTagsHtmlAndBlockTagsBecomePlainText() {
        JavadocText.Parsed p = JavadocText.parse(VALUE_OF);
        assertEquals("""
                Returns the string representation of a specific subarray of the char array argument.

                The offset argument is the index of the first character of the subarray. See toString and copyValueOf(char[]).

                Parameters:
                  data – the character array.
                  offset – initial offset of the subarray.

                Returns: a String that contains the characters of the specified subarray of the character array.

                Throws:
                  IndexOutOfBoundsException – if offset is negative.

                Since: 1.0""", p.full());
    }

    @Test
    void summaryIsTheFirstSentence() {
        assertEquals("Returns the string representation of a specific subarray of the char array argument.",
                JavadocText.firstSentence(JavadocText.parse(VALUE_OF).description()));
        assertEquals("e.g. not a sentence end? No period", JavadocText.firstSentence("e.g.  not a sentence end? No period"));
    }

    @Test
    void entitiesListsAndNestedBraces() {
        assertEquals("a < b & c\n- one\n- two", JavadocText.text("a &lt; b &amp; c<ul><li>one</li><li>two</ul>"));
        assertEquals("new int[] {1, 2}", JavadocText.text("{@code new int[] {1, 2}}"));
        assertEquals("Map.Entry.getKey", JavadocText.text("{@link Map.Entry#getKey}"));
    }

    @Test
    void annotationLinesInsideCodeExamplesAreNotBlockTags() {
        JavadocText.Parsed p = JavadocText.parse("Example:<pre>\n @Override\n public int hashCode()</pre>\n @return the hash");
        assertTrue(p.description().contains("@Override"), p.description());
        assertEquals("the hash", p.returns());
    }

    @Test
    void aBrokenSrcZipLinkNamesTheDebianPackage(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("lib"));
        Files.createSymbolicLink(home.resolve("lib/src.zip"), home.resolve("nowhere/src.zip"));
        String hint = JavadocText.missingSourcesHint(home);
        assertTrue(hint.contains("broken link") && hint.contains("-source"), hint);
        Files.delete(home.resolve("lib/src.zip"));
        Files.write(home.resolve("lib/src.zip"), new byte[] {1});
        assertNull(JavadocText.missingSourcesHint(home));
    }
}
