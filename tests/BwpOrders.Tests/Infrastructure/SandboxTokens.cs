namespace BwpOrders.Tests.Infrastructure;

/// <summary>BwP's sandbox shopper identity tokens, as its "Manage shopper identity" page prints them.</summary>
public static class SandboxTokens
{
    public const string LwaPrime = "eyJ0eXBlIjoiQUNDRVNTX1RPS0VOIiwidmFsdWUiOiJzYW5kYm94LW1vY2tlZC10ZXN0LXByaW1lLXNob3BwZXItYWNjZXNzLXRva2VuIn0=";

    /// <summary>The page prints the Prime token here too; this is the value it means (base64 of the non-Prime access token).</summary>
    public const string LwaNonPrime = "eyJ0eXBlIjoiQUNDRVNTX1RPS0VOIiwidmFsdWUiOiJzYW5kYm94LW1vY2tlZC10ZXN0LW5vbi1wcmltZS1zaG9wcGVyLWFjY2Vzcy10b2tlbiJ9";

    public const string ApayPrime = "eyJ0eXBlIjoiQ0hFQ0tPVVRfU0VTU0lPTl9JRCIsInZhbHVlIjoic2FuZGJveC1tb2NrZWQtdGVzdC1wcmltZS1zaG9wcGVyLWNoZWNrb3V0LXNlc3Npb24taWQifQ==";

    public const string ApayNonPrime = "eyJ0eXBlIjoiQ0hFQ0tPVVRfU0VTU0lPTl9JRCIsInZhbHVlIjoic2FuZGJveC1tb2NrZWQtdGVzdC1ub24tcHJpbWUtc2hvcHBlci1jaGVja291dC1zZXNzaW9uLWlkIn0=";
}
