using BwpOrders.Domain;
using BwpOrders.Server.Api;
using BwpOrders.Server.Http;
using GraphQL;
using GraphQL.Execution;

namespace BwpOrders.Server.GraphQL;

/// <summary>An execution error that carries a BwP classification.</summary>
public sealed class BwpExecutionError(ErrorKind kind, string? code, string message, Exception? inner = null)
    : ExecutionError(message, inner)
{
    public ErrorKind Kind { get; } = kind;
    public string? ClassificationCode { get; } = code;

    /// <summary>The domain's error, its field said as the failing operation's input names it.</summary>
    public static BwpExecutionError From(BwpException e, InputPaths paths) => new(e.Kind, e.Code, paths.MessageOf(e), e);
}

/// <summary>
/// Writes every error in BwP's shape: <c>extensions.classification = {type, code, details, errorType, errorCode}</c>.
/// GraphQL syntax and validation errors (unknown field, wrong type, invalid enum value) are ValidationErrors;
/// anything unexpected is an InternalServerError whose message reveals nothing of the server.
/// </summary>
public sealed class BwpErrorInfoProvider : IErrorInfoProvider
{
    public const string InternalMessage = "An internal error occurred. Retry the request; if it persists, contact the operator.";

    public ErrorInfo GetInfo(ExecutionError error)
    {
        var (kind, code, message) = Classify(error);
        return new ErrorInfo { Message = message, Extensions = new Dictionary<string, object?> { ["classification"] = Classification(kind, code, message) } };
    }

    /// <summary>The code an error is answered with (<c>classification.code</c>): chosen by the server, never by the caller.</summary>
    public static string? CodeOf(ExecutionError error) => Classify(error).Code;

    private static (ErrorKind Kind, string? Code, string Message) Classify(ExecutionError error) =>
        error switch
        {
            BwpExecutionError bwp => (bwp.Kind, bwp.ClassificationCode, bwp.Message),
            // Syntax, validation (unknown field, wrong type, invalid enum) and variable errors.
            DocumentError or RequestError
                => (ErrorKind.Validation, PascalCase(error.Code), error.Message),
            _ => (ErrorKind.InternalServer, "InternalServerError", InternalMessage),
        };

    public static Dictionary<string, object?> Classification(ErrorKind kind, string? code, string message)
    {
        var (type, errorType, errorCode) = ErrorMapping.Classify(kind);
        var classification = new Dictionary<string, object?> { ["type"] = type };
        if (code is not null) classification["code"] = code;
        // BwP's request-validation errors (code ValidationError) carry an empty details object.
        if (code == "ValidationError") classification["details"] = new Dictionary<string, object?>();
        // BwP's inventory errors repeat their message there (the inventoryItem page).
        if (code is ErrorCodes.MissingAmazonSkuConfiguration or ErrorCodes.InvalidAmazonSkuConfiguration)
            classification["details"] = new Dictionary<string, object?> { ["message"] = message };
        classification["errorType"] = errorType;
        classification["errorCode"] = errorCode;
        return classification;
    }

    /// <summary>GraphQL.NET codes (ARGUMENTS_OF_CORRECT_TYPE) in BwP's code style (ArgumentsOfCorrectType).</summary>
    private static string? PascalCase(string? code) => code is null
        ? null
        : string.Concat(code.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => p[..1] + p[1..].ToLowerInvariant()));
}
