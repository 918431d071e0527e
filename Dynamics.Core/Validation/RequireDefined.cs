namespace Dynamics.Validation;

/// <summary>Argument checks for enumeration values, which a cast can set to anything.</summary>
public static class RequireDefined
{
    /// <summary>Throws unless <paramref name="value"/> is one of the named values of its enumeration.</summary>
    /// <typeparam name="TEnum">The enumeration.</typeparam>
    /// <param name="value">The value to check.</param>
    /// <param name="name">The parameter name reported in the exception.</param>
    public static void Value<TEnum>(TEnum value, string name) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a {typeof(TEnum).Name} value, but was {value}.");
    }
}
