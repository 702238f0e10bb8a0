using System.Runtime;
using BwpOrders.Server.GraphQL;
using Prometheus;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text format: HTTP requests by status, GraphQL operations (<see cref="OperationTelemetry"/>), the document cache, the garbage
/// collector's mode and limits, and process memory. One registry per server instance (tests run several in
/// one process). Counters only: no target ids, order data or anything a caller sent.
/// </summary>
public static class ServerMetrics
{
    public static void Map(WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        var factory = Metrics.WithCustomRegistry(registry);
        DotNetStats.Register(registry);

        var documents = app.Services.GetRequiredService<DocumentCache>();
        var cacheEntries = factory.CreateGauge("bwp_document_cache_entries", "Validated GraphQL documents held in the document cache.");
        var cacheBytes = factory.CreateGauge("bwp_document_cache_bytes", "Estimated bytes held by the document cache (bounded by Limits:DocumentCacheBytes).");
        var gc = GCSettings.IsServerGC ? "server" : "workstation";
        var gcInfo = factory.CreateGauge("bwp_gc_info", "The garbage collector's configuration (value 1).", "mode", "concurrent");
        gcInfo.WithLabels(gc, GCSettings.LatencyMode != GCLatencyMode.Batch ? "true" : "false").Set(1);
        var heapLimit = factory.CreateGauge("bwp_gc_heap_limit_bytes", "Memory the GC may use: the hard heap limit when one is set, else the machine's memory.");
        var heapSize = factory.CreateGauge("bwp_gc_heap_bytes", "Bytes of managed heap in use after the last collection.");
        registry.AddBeforeCollectCallback(() =>
        {
            cacheEntries.Set(documents.Entries);
            cacheBytes.Set(documents.EstimatedBytes);
            var memory = GC.GetGCMemoryInfo();
            heapLimit.Set(memory.TotalAvailableMemoryBytes);
            heapSize.Set(memory.HeapSizeBytes);
        });

        // Labelled by status only: the server chooses it, so the label set stays bounded whatever clients send
        // (a method or path label would grow with every made-up value).
        var requests = factory.CreateCounter("bwp_http_requests_total", "HTTP requests answered, by status code.", "code");
        app.Use(async (http, next) =>
        {
            await next(http);
            requests.WithLabels(http.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        });
        app.MapMetrics("/metrics", registry);
    }
}
