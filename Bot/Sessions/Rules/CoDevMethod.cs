namespace Communaute.Bot.Sessions.Rules;

/// <summary>One step of a co-development session (Payette &amp; Champagne), with its usual length.</summary>
public sealed record CoDevStep(int Number, string Name, int Minutes, string Guidance);

/// <summary>The six steps of "codéveloppement professionnel", for one client (about 90 minutes).</summary>
public static class CoDevMethod
{
    public const int SynthesisStep = 5;
    public const int Finished = 7;

    public static readonly IReadOnlyList<CoDevStep> Steps =
    [
        new(1, "Exposé du problème", 10, "Le client expose sa situation, sans être interrompu."),
        new(2, "Questions de clarification", 15, "Les consultants posent des questions d'information : pas de conseil à ce stade."),
        new(3, "Contrat", 5, "Le client précise ce qu'il attend du groupe."),
        new(4, "Consultation", 30, "Idées, réactions, expériences : pas de consensus recherché ; le client écoute et note."),
        new(5, "Synthèse et plan d'action", 15, "Le client dit ce qu'il retient et le plan d'action qu'il se donne."),
        new(6, "Apprentissages et évaluation", 15, "Chacun dit ce qu'il apprend ; le groupe évalue la séance."),
    ];

    public static CoDevStep? Step(int number) => Steps.FirstOrDefault(s => s.Number == number);

    public static int TotalMinutes => Steps.Sum(s => s.Minutes);
}
