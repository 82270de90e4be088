package io.kmipstack.codec.xml;

/**
 * Text that is not a KMIP message in the XML encoding, or a tree that cannot be written in it:
 * malformed XML, an element that names no tag, an unknown type, a value that does not parse for
 * its type, an unknown enumeration or mask name. Carries the line and column of the offending
 * element (0 when writing) and the path of element names from the root to it, e.g.
 * {@code RequestMessage/BatchItem/Operation}. The message never contains Byte String, Big Integer
 * or Text String values.
 */
public final class KmipXmlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String tagPath;

    public KmipXmlException(String problem, int line, int column, String tagPath) {
        this(problem, line, column, tagPath, null);
    }

    public KmipXmlException(String problem, int line, int column, String tagPath, Throwable cause) {
        super(problem + (line > 0 ? " at line " + line + ", column " + column : "")
                + (tagPath.isEmpty() ? "" : " (path " + tagPath + ")"), cause);
        this.line = line;
        this.column = column;
        this.tagPath = tagPath;
    }

    /** One-based line of the element that failed, or 0 if not known (writing). */
    public int line() {
        return line;
    }

    /** One-based column of the element that failed, or 0 if not known. */
    public int column() {
        return column;
    }

    /** Slash-separated element names from the root to the element that failed. */
    public String tagPath() {
        return tagPath;
    }
}
