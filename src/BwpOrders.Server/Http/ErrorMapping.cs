using BwpOrders.Domain;

namespace BwpOrders.Server.Http;

/// <summary>
/// How each error kind shows on the wire, as BwP's error shape has it: its type, its exception name and its HTTP
/// status (the one place the domain's error kinds meet HTTP codes).
/// </summary>
public static class ErrorMapping
{
    public static (string Type, string ErrorType, int Status) Classify(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => ("ValidationError", "ValidationException", 400),
        ErrorKind.AccessDenied => ("AccessDeniedError", "AccessDeniedException", 403),
        ErrorKind.ResourceNotFound => ("ResourceNotFoundError", "ResourceNotFoundException", 404),
        ErrorKind.Conflict => ("ConflictError", "ConflictException", 409),
        ErrorKind.Throttling => ("ThrottlingError", "ThrottlingException", 429),
        _ => ("InternalServerError", "InternalServerException", 500),
    };
}
