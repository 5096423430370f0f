import factory

from organisation.models import Directorate, Role, ServiceArea, User

PASSWORD = "correct-horse-battery-staple"


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Directorate {n}")


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea

    name = factory.Sequence(lambda n: f"Service area {n}")
    directorate = factory.SubFactory(DirectorateFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@council.example")
    role = Role.STAFF
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.service_areas.set(extracted)
        self.save()
