import Crypto

/// SHA-256 of a file's raw bytes, for the "already loaded" check before reading it.
public enum FileDigest {
    /// Hex SHA-256 of the file at `path`, read in 1 MiB chunks.
    public static func sha256Hex(path: String) throws(IngestError) -> String {
        let stream = try ByteStream(path: path, gzip: false, chunkBytes: 1 << 20)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        while try stream.read(chunk) > 0 {}
        return stream.sha256Hex!
    }

    public static func sha256Hex(bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map {
            String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
        }
        .joined()
    }
}
