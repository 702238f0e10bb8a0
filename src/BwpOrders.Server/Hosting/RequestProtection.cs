using System.Threading.RateLimiting;
using BwpOrders.Domain;
using BwpOrders.Server.Auth;
using BwpOrders.Server.GraphQL;
using BwpOrders.Server.Limits;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;

namespace BwpOrders.Server.Hosting;

/// <summary>Rate limits (per credential), request timeouts and the time a stop gives requests in flight, answered in BwP's error shape.</summary>
public static class RequestProtection
{
    public const string GraphQLPolicy = "per-credential";
    public const string TokenPolicy = "token-endpoint";

    /// <summary>
    /// When a request's work is cancelled: early enough that its 504 is written within Limits:RequestTimeoutSeconds,
    /// although the work must unwind first (a database statement being cancelled can take Npgsql's Cancellation
    /// Timeout, 2 s, when the server does not answer).
    /// </summary>
    public static TimeSpan CancelAfter(RequestLimits limits) =>
        TimeSpan.FromSeconds(limits.RequestTimeoutSeconds) - TimeSpan.FromSeconds(Math.Min(3, limits.RequestTimeoutSeconds / 4.0));

    public const string ThrottledCode = "TooManyRequests";
    public const string TimeoutCode = "RequestTimeout";
    public const int TimeoutStatus = StatusCodes.Status504GatewayTimeout;

    /// <summary>BwP's throttling answer: 429 ThrottlingError with Retry-After (the rate limiter's, and an injected fault's).</summary>
    public static Task WriteThrottledAsync(HttpContext http, int retryAfterSeconds, CancellationToken ct)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString();
        return BwpResponses.WriteErrorAsync(http, 429, ErrorKind.Throttling, ThrottledCode,
            "Too many requests: retry after the number of seconds in Retry-After, with exponential backoff.", ct);
    }

    public static void Configure(IServiceCollection services, RequestLimits limits, ControlSettings control)
    {
        services.AddRateLimiter(options =>
        {
            // Authenticated callers are limited per credential; anyone else per client address.
            options.AddPolicy(GraphQLPolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                Caller.From(http.User)?.ClientId ?? "ip:" + http.Connection.RemoteIpAddress,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.RequestBurst,
                    TokensPerPeriod = limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
            options.AddPolicy(TokenPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.TokenRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.AddPolicy(Control.TestingApi.NewTargetsPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                Caller.From(http.User)?.ClientId ?? "ip:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = control.NewTargetsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                await WriteThrottledAsync(context.HttpContext, Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)), ct);
            };
        });
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(limits.ShutdownTimeoutSeconds));
        services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = CancelAfter(limits),
            TimeoutStatusCode = TimeoutStatus,
            WriteTimeoutResponse = http => BwpResponses.WriteErrorAsync(http, TimeoutStatus, ErrorKind.InternalServer, TimeoutCode,
                $"The request did not complete within {limits.RequestTimeoutSeconds} seconds.", CancellationToken.None),
        });
    }
}
