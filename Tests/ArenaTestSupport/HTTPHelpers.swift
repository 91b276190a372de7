import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A tiny browser/API client over the test client: keeps cookies, sends JSON and forms.
public final class TestSession: @unchecked Sendable {
    /// The underlying client.
    public let client: any TestClientProtocol
    /// Cookies the server set (name → value).
    public private(set) var cookies: [String: String] = [:]
    /// A bearer token to send, if any.
    public var bearer: String?

    /// Creates a session.
    public init(_ client: any TestClientProtocol) { self.client = client }

    /// Sends a request and remembers cookies.
    @discardableResult
    public func send(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, form: [(String, String)]? = nil,
                     headers extra: [String: String] = [:]) async throws -> TestResponse {
        var headers = HTTPFields()
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json)
        } else if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
        }
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[1].isEmpty || field.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        return response
    }

    /// Sets or removes a cookie by hand.
    public func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

extension TestResponse {
    /// The body as text.
    public var text: String { String(buffer: body) }
    /// The body as a JSON object.
    public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    /// The body as a JSON array.
    public var jsonArray: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? [] }
}

extension TestSession {
    /// A GET as this session on a connection of its own: the live test client sends its requests
    /// one after another on ONE connection, so a long-poll there holds back every later request.
    public func getOnOwnConnection(_ uri: String, timeout: Duration = .seconds(40)) async throws -> TestClient.Response {
        guard let port = client.port else { throw TestClient.Error.noResponse }
        let connection = TestClient(host: "localhost", port: port, configuration: .init(timeout: timeout))
        connection.connect()
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        do {
            let response = try await connection.get(uri, headers: headers)
            try? await connection.shutdown()
            return response
        } catch {
            try? await connection.shutdown()
            throw error
        }
    }
}

extension TestClient.Response {
    /// The body as text.
    public var text: String { body.map { String(buffer: $0) } ?? "" }
}

/// The text of a gzip body (through `gzip -dc`); throws when it is not gzip.
public func gunzip(_ buffer: ByteBuffer) throws -> String {
    let file = try Fixtures.temporaryFolder().appendingPathComponent("body.gz")
    try Data(buffer: buffer).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-dc", file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if process.terminationStatus != 0 { throw CocoaError(.fileReadCorruptFile) }
    return String(decoding: data, as: UTF8.self)
}
