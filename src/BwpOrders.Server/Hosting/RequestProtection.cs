using System.Threading.RateLimiting;
using BwpOrders.Domain;
using BwpOrders.Server.Auth;
using BwpOrders.Server.GraphQL;
using BwpOrders.Server.Limits;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;

namespace BwpOrders.Server.Hosting;

/// <summary>Rate limits (per credential) and request timeouts, answered in BwP's error shape.</summary>
public static class RequestProtection
{
    public const string GraphQLPolicy = "per-credential";
    public const string TokenPolicy = "token-endpoint";

    public static void Configure(IServiceCollection services, RequestLimits limits)
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
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                await BwpResponses.WriteErrorAsync(context.HttpContext, 429, ErrorKind.Throttling, "TooManyRequests",
                    "Too many requests: retry after the number of seconds in Retry-After, with exponential backoff.", ct);
            };
        });
        services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(limits.RequestTimeoutSeconds),
            TimeoutStatusCode = 504,
            WriteTimeoutResponse = http => BwpResponses.WriteErrorAsync(http, 504, ErrorKind.InternalServer, "RequestTimeout",
                $"The request did not complete within {limits.RequestTimeoutSeconds} seconds.", CancellationToken.None),
        });
    }
}
