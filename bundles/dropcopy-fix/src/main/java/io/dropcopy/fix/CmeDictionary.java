package io.dropcopy.fix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import quickfix.DataDictionary;

/**
 * QuickFIX/J's stock FIX 4.2 dictionary, taught what CME sends: message type {@code n} (XMLnonFIX,
 * carrying XmlDataLen(212)/XmlData(213), already in the stock header) and CME's own logon/logout
 * tags. Stock QuickFIX/J rejects every {@code 35=n} with a session Reject until it knows {@code n}.
 * The stock file is patched at run time, so no copy of it lives in this project.
 */
public final class CmeDictionary {
    public static final String FILE_NAME = "FIX42-CME-DropCopy.xml";

    private CmeDictionary() {
    }

    /** The patched dictionary as XML bytes. */
    public static byte[] xml() {
        try (InputStream in = DataDictionary.class.getClassLoader().getResourceAsStream("FIX42.xml")) {
            if (in == null) {
                throw new IllegalStateException("FIX42.xml not found next to QuickFIX/J's DataDictionary");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document doc = builder.parse(in);
            patch(doc);
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the CME FIX 4.2 dictionary", e);
        }
    }

    /** Writes the dictionary into {@code dir} (atomically) and returns its path, for QuickFIX/J's DataDictionary setting. */
    public static Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(FILE_NAME);
        Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        Files.write(tmp, xml());
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** A ready DataDictionary instance (tests, tools). */
    public static DataDictionary load() {
        try {
            return new DataDictionary(new java.io.ByteArrayInputStream(xml()));
        } catch (quickfix.ConfigError e) {
            throw new IllegalStateException(e);
        }
    }

    private static void patch(Document doc) {
        Element msgType = field(doc, "MsgType");
        if (!hasEnum(msgType, "n")) {
            Element value = doc.createElement("value");
            value.setAttribute("enum", "n");
            value.setAttribute("description", "XML_NON_FIX");
            msgType.appendChild(value);
        }
        Element messages = (Element) doc.getElementsByTagName("messages").item(0);
        Element message = doc.createElement("message");
        message.setAttribute("name", "XMLnonFIX");
        message.setAttribute("msgtype", "n");
        message.setAttribute("msgcat", "app");
        // QuickFIX/J refuses a message definition without fields; the payload itself is in the header (212/213).
        Element text = doc.createElement("field");
        text.setAttribute("name", "Text");
        text.setAttribute("required", "N");
        message.appendChild(text);
        messages.appendChild(message);

        // CME refuses EncryptMethod(98) on a logon, so a signed logon has none: stock FIX42.xml requires it.
        Element logon = message(doc, "A");
        NodeList logonFields = logon.getElementsByTagName("field");
        for (int i = 0; i < logonFields.getLength(); i++) {
            Element f = (Element) logonFields.item(i);
            if ("EncryptMethod".equals(f.getAttribute("name"))) {
                f.setAttribute("required", "N");
            }
        }

        addField(doc, 789, "NextExpectedMsgSeqNum", "INT");
        addField(doc, 1400, "EncryptedPasswordMethod", "STRING");
        addField(doc, 1401, "EncryptedPasswordLen", "LENGTH");
        addField(doc, 1402, "EncryptedPassword", "DATA");
        addField(doc, 1603, "ApplicationSystemName", "STRING");
        addField(doc, 1604, "TradingSystemVersion", "STRING");
        addField(doc, 1605, "ApplicationSystemVendor", "STRING");
        addField(doc, 5979, "RequestTime", "STRING");
        addField(doc, 9717, "CorrelationClOrdID", "STRING");
    }

    private static Element message(Document doc, String msgType) {
        NodeList all = doc.getElementsByTagName("message");
        for (int i = 0; i < all.getLength(); i++) {
            Element m = (Element) all.item(i);
            if (msgType.equals(m.getAttribute("msgtype"))) {
                return m;
            }
        }
        throw new IllegalStateException("message type " + msgType + " not in FIX42.xml");
    }

    private static Element field(Document doc, String name) {
        NodeList fields = ((Element) doc.getElementsByTagName("fields").item(0)).getElementsByTagName("field");
        for (int i = 0; i < fields.getLength(); i++) {
            Element f = (Element) fields.item(i);
            if (name.equals(f.getAttribute("name"))) {
                return f;
            }
        }
        throw new IllegalStateException("field " + name + " not in FIX42.xml");
    }

    private static boolean hasEnum(Element field, String value) {
        for (Node n = field.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && value.equals(((Element) n).getAttribute("enum"))) {
                return true;
            }
        }
        return false;
    }

    private static void addField(Document doc, int number, String name, String type) {
        Element fields = (Element) doc.getElementsByTagName("fields").item(0);
        NodeList all = fields.getElementsByTagName("field");
        for (int i = 0; i < all.getLength(); i++) {
            if (String.valueOf(number).equals(((Element) all.item(i)).getAttribute("number"))) {
                return;
            }
        }
        Element f = doc.createElement("field");
        f.setAttribute("number", String.valueOf(number));
        f.setAttribute("name", name);
        f.setAttribute("type", type);
        fields.appendChild(f);
    }
}
