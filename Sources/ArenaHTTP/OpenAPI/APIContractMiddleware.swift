import ArenaCore
import Hummingbird

/// Holds every routed request to what its operation in the OpenAPI document declares about path
/// and query parameters: a typed parameter that does not parse or is out of range, or a value
/// outside its list, is a 400 naming it (bodies are checked by `APIOperation.decode`). Any
/// route's path or query holding a NUL character is a 400 too.
public struct APIContractMiddleware: RouterMiddleware {
    public typealias Context = ArenaRequestContext
    private let operations: [String: APIOperation]

    /// Creates the middleware for the documented `operations`.
    public init(operations: [APIOperation]) {
        self.operations = Dictionary(operations.map { ("\($0.method.uppercased()) \($0.path)", $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Checks the parameters of a request whose route is documented.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // No text Arena stores or looks up may hold NUL (PostgreSQL refuses it in text).
        if request.uri.path.contains("\u{0}") || request.uri.queryParameters.contains(where: { $0.value.contains("\u{0}") }) {
            throw UserError.badRequest("The address holds a NUL character.")
        }
        if let endpoint = context.endpointPath, let operation = operations["\(request.method.rawValue) \(Self.template(endpoint))"] {
            for name in operation.pathParameters {
                guard let schema = operation.pathTypes[name], let value = context.parameters.get(name) else { continue }
                if let problem = Self.violation(String(value), schema) { throw UserError.badRequest("The path's \(name) \(problem).") }
            }
            let query = request.uri.queryParameters
            for parameter in operation.query {
                guard let value = query[Substring(parameter.name)] else { continue }
                if let problem = Self.violation(String(value), parameter.schema) {
                    throw UserError.badRequest("The query parameter `\(parameter.name)` \(problem).")
                }
            }
        }
        return try await next(request, context)
    }

    /// A router path (`/api/v1/users/:id`) as the document writes it (`/api/v1/users/{id}`).
    static func template(_ path: String) -> String {
        "/" + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    /// What is wrong with a parameter's text under `schema`, or nil.
    static func violation(_ text: String, _ schema: APISchema) -> String? {
        switch schema {
        case .integer:
            guard let number = Int64(text) else { return "must be a whole number" }
            return schema.violation(of: .number(Double(number))).map { _ in "is out of range" }
        case .number:
            return Double(text) == nil ? "must be a number" : nil
        case .boolean:
            return ["true", "false"].contains(text) ? nil : "must be true or false"
        default:
            return schema.violation(of: .string(text)).map { _ in "is not an allowed value" }
        }
    }
}
