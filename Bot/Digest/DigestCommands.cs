namespace Communaute.Bot.Digest;

/// <summary>The words of the digest's commands: typed, or sent by its buttons.</summary>
public static class DigestCommands
{
    public const string Show = "digest";
    public const string Prepare = "préparer le digest";
    public const string Approve = "approuver le digest";
    public const string PostNow = "publier maintenant";
    public const string Postpone = "reporter";
    public const string PostponeTo = "reporter à";
    public const string Skip = "ignorer ce mois";
    public const string EditMenu = "modifier une section";
    public const string Edit = "modifier la section";
    public const string AddNote = "ajouter une note";
    public const string ReorderMenu = "réordonner le digest";
    public const string Move = "déplacer la section";
    public const string DropMenu = "retirer une section";
    public const string Drop = "retirer la section";
    public const string Restore = "remettre la section";
    public const string TextPreview = "aperçu texte du digest";
    public const string List = "digests";
    public const string Archive = "digest de";
    public const string Subscribe = "abonner ce canal au digest";
    public const string Unsubscribe = "désabonner ce canal";
    public const string Targets = "canaux du digest";
    public const string RemoveTarget = "retirer le canal";
    public const string Proposals = "propositions de réponse";
}
