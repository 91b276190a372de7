import Metrics
import Prometheus

/// The process's Prometheus registry. swift-metrics has one backend per process, so it is made
/// (and bootstrapped) once, on first use, however many applications the process builds.
enum ProcessMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
