
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0027_one_content_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # Corrections kept so far were all public: they stay published. New ones wait for review unless a reviewer
    # writes them (events.services.status_on_save).
    operations = [
        migrations.AddField(
            model_name='correction',
            name='status',
            field=models.CharField(choices=[('draft', 'draft'), ('review', 'in review'), ('published', 'published'), ('unpublished', 'unpublished')], default='published', max_length=12, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='correction',
            name='status',
            field=models.CharField(choices=[('draft', 'draft'), ('review', 'in review'), ('published', 'published'), ('unpublished', 'unpublished')], default='review', max_length=12, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='correction',
            name='status_changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='status changed'),
        ),
        migrations.AddField(
            model_name='correction',
            name='status_changed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='status changed by'),
        ),
        migrations.AddField(
            model_name='figure',
            name='status_changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='status changed'),
        ),
        migrations.AddField(
            model_name='figure',
            name='status_changed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='status changed by'),
        ),
    ]
