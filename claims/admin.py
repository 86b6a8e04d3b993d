"""Every model in the admin, with search and filters; history through simple-history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models as m


@admin.register(m.Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


@admin.register(m.Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "outlet", "active", "poll_interval", "last_polled_at", "error_count"]
    list_filter = ["active", "outlet"]
    search_fields = ["url", "title"]


class ArticleRevisionInline(admin.TabularInline):
    model = m.ArticleRevision
    extra = 0
    fields = readonly_fields = ("title", "content_hash", "engine_version", "replaced_at")


@admin.register(m.Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published_at", "extraction_status", "engine_version"]
    list_filter = ["extraction_status", "outlet", "language"]
    search_fields = ["title", "url", "text"]
    date_hierarchy = "published_at"
    readonly_fields = ["content_hash", "ingested_at", "updated_at", "extracted_at"]
    inlines = [ArticleRevisionInline]


class ActorAliasInline(admin.TabularInline):
    model = m.ActorAlias
    extra = 1
    fields = ["alias"]


@admin.register(m.Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "type", "description", "merged_into"]
    list_filter = ["type"]
    search_fields = ["name", "aliases__alias", "description"]
    inlines = [ActorAliasInline]
    raw_id_fields = ["merged_into"]


@admin.register(m.ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "actor"]
    search_fields = ["alias", "actor__name"]
    raw_id_fields = ["actor"]


class ReviewableAdmin(SimpleHistoryAdmin):
    list_filter = ["status", "origin"]
    raw_id_fields = ["article", "reviewed_by"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(m.ActorMention)
class ActorMentionAdmin(ReviewableAdmin):
    list_display = ["surface", "actor", "article", "start", "end", "status"]
    search_fields = ["surface", "actor__name"]
    raw_id_fields = ["article", "actor", "reviewed_by"]


@admin.register(m.Quote)
class QuoteAdmin(ReviewableAdmin):
    list_display = ["__str__", "speaker", "article", "status", "origin", "confidence"]
    search_fields = ["text", "speaker_surface", "speaker__name"]
    raw_id_fields = ["article", "speaker", "reviewed_by"]


@admin.register(m.NumericClaim)
class NumericClaimAdmin(ReviewableAdmin):
    list_display = ["span", "value", "value_max", "qualifier", "category", "source", "as_of", "status"]
    list_filter = ["category", "qualifier", "status", "origin"]
    search_fields = ["span", "noun", "place", "source_surface"]
    raw_id_fields = ["article", "source", "reviewed_by", "figure"]


@admin.register(m.Figure)
class FigureAdmin(SimpleHistoryAdmin):
    list_display = ["name", "category", "noun_key", "place_key", "origin"]
    list_filter = ["category", "origin"]
    search_fields = ["name", "noun_key", "place_key"]


@admin.register(m.FigureFlag)
class FigureFlagAdmin(admin.ModelAdmin):
    list_display = ["figure", "kind", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["figure__name", "detail"]
    raw_id_fields = ["figure", "claims", "dismissed_by"]


class IngestItemInline(admin.TabularInline):
    model = m.IngestItem
    extra = 0
    fields = readonly_fields = ("position", "url", "status", "article", "error")


@admin.register(m.IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "label", "status", "total", "done", "duplicates", "failed", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["label"]
    inlines = [IngestItemInline]


@admin.register(m.IngestItem)
class IngestItemAdmin(admin.ModelAdmin):
    list_display = ["job", "position", "url", "status"]
    list_filter = ["status"]
    search_fields = ["url", "error"]
    raw_id_fields = ["job", "article"]


@admin.register(m.ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Created here or on /api/v1/tokens/: the key is shown once, in a message; only its hash is kept."""

    list_display = ["name", "user", "prefix", "scope", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
    raw_id_fields = ["user"]
    actions = ["revoke"]

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        from django.utils import timezone

        queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        from django.contrib import messages

        from .services.tokens import token_create

        token, key = token_create(user=obj.user, name=obj.name, scope=obj.scope)
        for field in ("pk", "prefix", "key_hash", "created_at"):
            setattr(obj, field, getattr(token, field))
        obj._state.adding = False
        obj._state.db = token._state.db
        messages.warning(request, f"The key of token “{token.name}” is {key} — copy it now: it is not shown again.")
