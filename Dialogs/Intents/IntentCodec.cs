using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Intents;

/// <summary>What a click's intent read as: the intent, or why there is none to run.</summary>
public enum IntentReadOutcome { Read, OldVersion, Unreadable }

public sealed record IntentReading(IntentReadOutcome Outcome, object? Intent = null);

/// <summary>
/// The one codec between intent records (<see cref="IntentAttribute"/>) and the <see cref="ChoiceAction"/> a button
/// carries: the record's constructor parameters are its arguments, by name (first letter lowered), as invariant text.
/// Arguments may be numbers, text, yes/no, and optional (null or default values are left out).
/// </summary>
public static class IntentCodec
{
    private static readonly ConcurrentDictionary<Type, (IntentAttribute Attribute, ConstructorInfo Constructor, ParameterInfo[] Parameters)> Shapes = new();

    public static IntentAttribute AttributeOf(Type type) => ShapeOf(type).Item1;

    public static ChoiceAction Encode(object intent)
    {
        var (attribute, _, parameters) = ShapeOf(intent.GetType());
        var arguments = new Dictionary<string, string>();
        foreach (var p in parameters)
        {
            var value = intent.GetType().GetProperty(p.Name!)!.GetValue(intent);
            if (value is not null) arguments[KeyOf(p)] = Format(value);
        }
        return new ChoiceAction(attribute.Kind, arguments) { Version = attribute.Version };
    }

    /// <summary>Reads <paramref name="action"/> as an intent of <paramref name="type"/> (whose kind it carries).</summary>
    public static IntentReading Decode(ChoiceAction action, Type type)
    {
        var (attribute, constructor, parameters) = ShapeOf(type);
        if (action.Version != attribute.Version) return new(IntentReadOutcome.OldVersion);
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (!action.Arguments.TryGetValue(KeyOf(p), out var text))
            {
                if (!p.HasDefaultValue && !IsNullable(p)) return new(IntentReadOutcome.Unreadable);
                values[i] = p.HasDefaultValue ? p.DefaultValue : null;
                continue;
            }
            if (!TryParse(text, p.ParameterType, out var value)) return new(IntentReadOutcome.Unreadable);
            values[i] = value;
        }
        return new(IntentReadOutcome.Read, constructor.Invoke(values));
    }

    /// <summary>The intent <paramref name="action"/> carries if it is one of <paramref name="types"/>'s kinds and reads; null otherwise.</summary>
    public static object? Read(ChoiceAction? action, params Type[] types) =>
        action is null ? null
        : types.FirstOrDefault(t => AttributeOf(t).Kind == action.Kind) is { } type && Decode(action, type) is { Outcome: IntentReadOutcome.Read } reading
            ? reading.Intent : null;

    /// <summary>The intent records implementing <typeparamref name="TMarker"/> (a feature's family of intents), from its assembly.</summary>
    public static IReadOnlyCollection<Type> TypesOf<TMarker>() => typeof(TMarker).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && typeof(TMarker).IsAssignableFrom(t) && t.IsDefined(typeof(IntentAttribute), false)).ToArray();

    private static (IntentAttribute, ConstructorInfo, ParameterInfo[]) ShapeOf(Type type) => Shapes.GetOrAdd(type, t =>
    {
        var attribute = t.GetCustomAttribute<IntentAttribute>() ?? throw new InvalidOperationException($"{t.Name} n'est pas une intention ([Intent] manquant).");
        var constructor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return (attribute, constructor, constructor.GetParameters());
    });

    private static string KeyOf(ParameterInfo p) => char.ToLowerInvariant(p.Name![0]) + p.Name[1..];

    private static bool IsNullable(ParameterInfo p) =>
        Nullable.GetUnderlyingType(p.ParameterType) is not null || new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable;

    private static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool TryParse(string text, Type type, out object? value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        value = null;
        if (target == typeof(string)) { value = text; return true; }
        if (target == typeof(long) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) { value = l; return true; }
        if (target == typeof(int) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) { value = n; return true; }
        if (target == typeof(bool) && bool.TryParse(text, out var b)) { value = b; return true; }
        if (target.IsEnum && Enum.TryParse(target, text, ignoreCase: false, out var e) && Enum.IsDefined(target, e!)) { value = e; return true; }
        return false;
    }
}
