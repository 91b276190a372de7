import Crypto
import Foundation
import JWTKit

/// Loads the Ed25519 key pair that signs access tokens.
///
/// Order: `ARENA_JWT_PRIVATE_KEY_FILE` (a PEM private key) if set; else `<data dir>/jwt-ed25519.pem`,
/// generated on first use for a local run. Roles that only verify can be given the public key
/// alone with `ARENA_JWT_PUBLIC_KEY_FILE`.
public enum KeyStore {
    /// Reads or creates the private key.
    public static func privateKey(file: String?, dataDirectory: String) throws -> EdDSA.PrivateKey {
        if let file {
            return try readPrivate(file)
        }
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("jwt-ed25519.pem").path
        if FileManager.default.fileExists(atPath: path) { return try readPrivate(path) }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let key = Curve25519.Signing.PrivateKey()
        let pem = key.pemRepresentation
        // Write then rename, so two processes starting together never read half a key.
        let temp = path + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temp, contents: Data(pem.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw KeyError("cannot write the JWT key to \(temp)")
        }
        if link(temp, path) != 0 && errno != EEXIST { unlink(temp); throw KeyError("cannot create \(path): errno \(errno)") }
        unlink(temp)
        return try readPrivate(path)
    }

    /// Reads a public key PEM.
    public static func publicKey(file: String) throws -> EdDSA.PublicKey {
        guard let pem = try? String(contentsOfFile: file, encoding: .utf8) else { throw KeyError("cannot read \(file)") }
        do { return try EdDSA.PublicKey(pem: pem) } catch { throw KeyError("\(file) is not an Ed25519 public key PEM") }
    }

    private static func readPrivate(_ path: String) throws -> EdDSA.PrivateKey {
        guard let pem = try? String(contentsOfFile: path, encoding: .utf8) else { throw KeyError("cannot read the JWT key file \(path)") }
        do {
            return try EdDSA.PrivateKey(backing: Curve25519.Signing.PrivateKey(pemRepresentation: pem))
        } catch {
            throw KeyError("\(path) is not an Ed25519 private key in PEM form")
        }
    }
}

/// A key file problem.
public struct KeyError: Error, CustomStringConvertible {
    /// What is wrong, naming the file.
    public let description: String
    init(_ description: String) { self.description = description }
}
