using BwpOrders.Domain;
using BwpOrders.Server.GraphQL;
using BwpOrders.Server.Hosting;
using GraphQL;
using GraphQLParser.AST;

namespace BwpOrders.Server.Faults;

/// <summary>
/// Where faults meet GraphQL requests: after the request was admitted (authenticated, its one operation selected and
/// checked) and before anything executes, so a faulted request changes nothing. Only on a sandbox server; production
/// ignores <c>x-bwp-fault</c> as any unknown header.
/// </summary>
public sealed class FaultInjector(FaultRules rules, bool sandbox, ILogger<FaultInjector> logger)
{
    public bool Enabled => sandbox;

    /// <summary>The fault to answer the request with, if the header or a rule says so (counted and logged); null when it is to run.</summary>
    public FaultSpec? Fire(HttpContext http, string target, string version, GraphQLDocument document, GraphQLOperationDefinition operation, Inputs? variables)
    {
        if (!sandbox) return null;
        var oneOff = FaultHeader.Parse(http.Request.Headers[FaultHeader.Name]);
        var calls = RootCalls.Of(document, operation, variables);
        var fault = oneOff is not null
            ? new FiredFault(null, oneOff, calls.FirstOrDefault()?.Field ?? "")
            : rules.FireForRequest(target, version, calls, http.TraceIdentifier);
        if (fault is null) return null;
        if (fault.RuleId is null) rules.RecordHeaderFault(target, http.TraceIdentifier, fault.Operation);
        // Never request values: which rule, which operation, which answer.
        logger.LogInformation("Fault {FaultId} injected into {Operation}: {Kind}", fault.RuleId ?? FaultHeader.Name, fault.Operation, fault.Spec.Kind);
        return fault.Spec;
    }

    /// <summary>
    /// The error code of the fault's answer, for the request journal and metrics: what <see cref="AnswerAsync"/> writes
    /// ("None" for the code-less conflict, as for any code-less error), the fault's name for a dropped connection, which
    /// answers nothing; null for Latency, after which the request runs.
    /// </summary>
    public static string? Code(FaultKind kind) => kind switch
    {
        FaultKind.ThrottlingError => RequestProtection.ThrottledCode,
        FaultKind.ConflictError => "None",
        FaultKind.InternalServerError => UnexpectedErrors.InternalCode,
        FaultKind.Timeout => RequestProtection.TimeoutCode,
        FaultKind.DropConnection => nameof(FaultKind.DropConnection),
        _ => null,
    };

    /// <summary>BwP's own answers, each written where the server writes it for real.</summary>
    /// <returns>Whether the request is answered; false after a Latency fault, when it runs as usual.</returns>
    public static async Task<bool> AnswerAsync(HttpContext http, FaultSpec fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.ThrottlingError:
                await RequestProtection.WriteThrottledAsync(http, fault.RetryAfterSeconds, http.RequestAborted);
                return true;
            case FaultKind.ConflictError:
                // Code-less, as BwP's createOrder error table lists it.
                await BwpResponses.WriteErrorAsync(http, Http.ErrorMapping.Classify(ErrorKind.Conflict).Status, ErrorKind.Conflict, null,
                    "The request conflicts with a concurrent change to the same resource; retry it.", http.RequestAborted);
                return true;
            case FaultKind.InternalServerError:
                await UnexpectedErrors.WriteInternalErrorAsync(http);
                return true;
            case FaultKind.Timeout:
                // Held until the request timeout cancels it; its middleware answers 504 RequestTimeout, as for slow work.
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
                return true;
            case FaultKind.Latency:
                await Task.Delay(fault.LatencyMs ?? 0, http.RequestAborted);
                return false;
            case FaultKind.DropConnection:
                http.Abort();
                return true;
            default:
                return false;
        }
    }
}
