namespace Suanwang.Server.Gateway;

/// <summary>An error the gateway answers in OpenAI's body, <c>{"error": {"message", "type", "param", "code"}}</c>, with its status.</summary>
internal sealed class GatewayError : Exception
{
    public GatewayError(int status, string message, string type, string? param, string? code, int? retryAfterSeconds = null)
        : base(message)
    {
        Status = status;
        Type = type;
        Param = param;
        Code = code;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public GatewayError()
        : this(500, "internal error", "server_error", null, null)
    {
    }

    public GatewayError(string message)
        : this(500, message, "server_error", null, null)
    {
    }

    public GatewayError(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        Type = "server_error";
    }

    /// <summary>HTTP status.</summary>
    public int Status { get; }

    /// <summary>OpenAI's error type.</summary>
    public string Type { get; }

    /// <summary>The request field at fault, if one is.</summary>
    public string? Param { get; }

    /// <summary>A machine-readable code.</summary>
    public string? Code { get; }

    /// <summary>Seconds for a Retry-After header, if any.</summary>
    public int? RetryAfterSeconds { get; }

    /// <summary>400 for one bad field.</summary>
    public static GatewayError Invalid(string? param, string message, string code = "invalid_value") =>
        new(400, message, "invalid_request_error", param, code);
}
