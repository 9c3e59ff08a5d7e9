"""The first user-data schema: tags, article tags, bookmarks, saved searches, snapshots.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("color", sa.String(16), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("tag.id", ondelete="SET NULL"), index=True),
        sa.Column("shortcut", sa.Integer, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.CheckConstraint("shortcut IS NULL OR shortcut BETWEEN 1 AND 9", name="tag_shortcut_range"),
    )
    op.create_table(
        "article_tag",
        sa.Column("article_key", sa.String(64), primary_key=True),
        sa.Column("tag_id", sa.Integer, sa.ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
    )
    op.create_table(
        "bookmark",
        sa.Column("article_key", sa.String(64), primary_key=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
    )
    op.create_table(
        "saved_search",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "article_snapshot",
        sa.Column("article_key", sa.String(64), primary_key=True),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("publication", sa.String(200), nullable=False),
        sa.Column("issue_date", sa.String(10)),
        sa.Column("excerpt", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("article_snapshot", "saved_search", "bookmark", "article_tag", "tag"):
        op.drop_table(table)
