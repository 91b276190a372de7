/// An error a user can cause: it carries an HTTP status and a message meant for them.
/// The HTTP layer turns it into a 4xx HTML page or `{"error": …}` JSON; anything else is a 5xx.
public struct UserError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status code (4xx).
    public let status: Int
    /// What is wrong, in words a user understands.
    public let message: String
    /// Extra headers to send, such as `Retry-After`.
    public let headers: [String: String]

    /// Creates an error with a status and message.
    public init(_ status: Int, _ message: String, headers: [String: String] = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    /// The message.
    public var description: String { message }

    /// 400 Bad Request.
    public static func badRequest(_ message: String) -> UserError { UserError(400, message) }
    /// 401 Unauthorized.
    public static func unauthorized(_ message: String = "Log in first.") -> UserError { UserError(401, message) }
    /// 403 Forbidden.
    public static func forbidden(_ message: String = "You may not do this.") -> UserError { UserError(403, message) }
    /// 404 Not Found.
    public static func notFound(_ message: String = "Not found.") -> UserError { UserError(404, message) }
    /// 409 Conflict.
    public static func conflict(_ message: String) -> UserError { UserError(409, message) }
    /// 422 Unprocessable Content.
    public static func invalid(_ message: String) -> UserError { UserError(422, message) }
}
