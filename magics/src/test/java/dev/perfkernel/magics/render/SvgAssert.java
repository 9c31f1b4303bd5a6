package dev.perfkernel.magics.render;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Parses SVG with the JDK's DOM parser (so it must be well-formed XML) and queries it. */
final class SvgAssert {

    private SvgAssert() {}

    static Document parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            Element root = d.getDocumentElement();
            assertEquals("svg", root.getLocalName());
            assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
            assertFalse(svg.contains("<script"), "static SVG must not carry script");
            return d;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            fail("SVG is not well-formed XML: " + e.getMessage() + "\n" + svg.substring(0, Math.min(500, svg.length())));
            return null;
        }
    }

    static List<Element> elements(Document d, String tag, String cssClass) {
        NodeList nl = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if (cssClass == null || cssClass.equals(e.getAttribute("class"))) out.add(e);
        }
        return out;
    }

    static List<String> texts(Document d) {
        List<String> out = new ArrayList<>();
        for (Element e : elements(d, "text", null)) out.add(e.getTextContent());
        return out;
    }
}
