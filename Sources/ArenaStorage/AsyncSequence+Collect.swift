extension AsyncSequence {
    /// Every element, in order.
    public func collect() async throws -> [Element] {
        var result: [Element] = []
        for try await element in self { result.append(element) }
        return result
    }

    /// The first element, if any.
    public func first() async throws -> Element? {
        for try await element in self { return element }
        return nil
    }
}
